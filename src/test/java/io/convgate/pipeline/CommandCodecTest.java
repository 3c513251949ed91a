package io.convgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convgate.destination.OutboundCall;
import io.convgate.hyros.HyrosOperation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

  /** {@link #aCommandThePreviousVersionWroteDecodesAndIsWrittenTheSame}'s command, in hex. */
  private static final String PREVIOUS_VERSION =
      "00010000000461636d65000000096f726465723a6f2d310000000d636f6e746163743a6140622e6300000005"
          + "6576742d310000000e73616c652e636f6d706c6574656400000014323032362d31312d32335431303a30"
          + "303a30305a0000000c4352454154455f4f52444552ffffffffffffffff000000117b226f726465724964"
          + "223a226f2d31227d0000000e62696c6c696e672e6576656e7473000000030000000000000011000000016b"
          + "0000000e7b226964223a226576742d31227d000000030000000763655f747970650000000e73616c652e63"
          + "6f6d706c657465640000000574726163650000000300ff0700000005656d707479ffffffff";

  @Test
  void anOrderComesBackFieldForFieldWithItsBodyAndRecordByteForByte() {
    HeaderList headers =
        HeaderList.builder(5)
            .add("ce_type", utf8("sale.completed"))
            .add("trace", new byte[] {0, (byte) 0xff, 7})
            .add("empty", null)
            .add("trace", utf8("second"))
            .add("bin", new byte[] {(byte) 0xc3, 0x28})
            .build();
    DeliveryCommand command =
        new DeliveryCommand(
            "acme-ü",
            "hyros",
            "order:o-1",
            "contact:a@b.c",
            "evt-1",
            "sale.completed",
            "2026-11-23T10:00:00.123+01:00",
            new OutboundCall(
                HyrosOperation.CREATE_ORDER.name(),
                null,
                null,
                utf8("{\"orderId\":\"o-1\",\"a\":\"€\"}")),
            new OriginalRecord(
                "billing.events", 7, 1L << 40, null, new byte[] {1, 2, 3, (byte) 0x80}, headers));

    DeliveryCommand read = CommandCodec.decode(CommandCodec.encode(command));

    assertThat(read.integrationId()).isEqualTo("acme-ü");
    assertThat(read.idempotencyKey()).isEqualTo("order:o-1");
    assertThat(read.orderingKey()).isEqualTo("contact:a@b.c");
    assertThat(read.eventId()).isEqualTo("evt-1");
    assertThat(read.eventType()).isEqualTo("sale.completed");
    assertThat(read.eventTime()).isEqualTo("2026-11-23T10:00:00.123+01:00");
    assertThat(read.call().operation()).isEqualTo("CREATE_ORDER");
    assertThat(read.call().target()).isNull();
    assertThat(read.call().parameter()).isNull();
    assertThat(read.call().body()).isEqualTo(command.call().body());
    assertThat(read.original().topic()).isEqualTo("billing.events");
    assertThat(read.original().partition()).isEqualTo(7);
    assertThat(read.original().offset()).isEqualTo(1L << 40);
    assertThat(read.original().key()).isNull();
    assertThat(read.original().value()).containsExactly(1, 2, 3, 0x80);
    HeaderList back = read.original().headers();
    assertThat(names(back)).containsExactly("ce_type", "trace", "empty", "trace", "bin");
    assertThat(back.value(1)).containsExactly(0, 0xff, 7);
    assertThat(back.value(2)).isNull();
    assertThat(back.value(3)).isEqualTo(utf8("second"));
    assertThat(back.value(4)).containsExactly(0xc3, 0x28);
    assertThat(back).isEqualTo(headers);
  }

  /**
   * Written in version 1, before destination kinds (its encoder, run on this command): such a
   * command, on the topic at an upgrade, still decodes, as a Hyros call; this version writes it as
   * version 2, which reads back the same.
   */
  @Test
  void aVersionOneCommandDecodesAsAHyrosCall() {
    byte[] previous = HexFormat.of().parseHex(PREVIOUS_VERSION);
    DeliveryCommand expected =
        new DeliveryCommand(
            "acme",
            "hyros",
            "order:o-1",
            "contact:a@b.c",
            "evt-1",
            "sale.completed",
            "2026-11-23T10:00:00Z",
            new OutboundCall(
                HyrosOperation.CREATE_ORDER.name(), null, null, utf8("{\"orderId\":\"o-1\"}")),
            new OriginalRecord(
                "billing.events",
                3,
                17,
                utf8("k"),
                utf8("{\"id\":\"evt-1\"}"),
                HeaderList.builder(3)
                    .add("ce_type", utf8("sale.completed"))
                    .add("trace", new byte[] {0, (byte) 0xff, 7})
                    .add("empty", null)
                    .build()));

    DeliveryCommand read = CommandCodec.decode(previous);

    assertThat(read.idempotencyKey()).isEqualTo("order:o-1");
    assertThat(read.call().body()).isEqualTo(expected.call().body());
    assertThat(read.original().key()).isEqualTo(utf8("k"));
    assertThat(read.original().value()).isEqualTo(expected.original().value());
    assertThat(read.original().headers()).isEqualTo(expected.original().headers());
    assertThat(read.destination()).isEqualTo("hyros");
    assertThat(read.integrationId()).isEqualTo("acme");
    assertThat(read.call().operation()).isEqualTo("CREATE_ORDER");
    byte[] now = CommandCodec.encode(expected);
    assertThat(now[1]).as("written as version 2").isEqualTo((byte) 2);
    DeliveryCommand again = CommandCodec.decode(now);
    assertThat(again.destination()).isEqualTo("hyros");
    assertThat(again.idempotencyKey()).isEqualTo(read.idempotencyKey());
    assertThat(again.call().body()).isEqualTo(read.call().body());
    assertThat(again.original().headers()).isEqualTo(read.original().headers());
  }

  @Test
  void theDestinationKindTravelsWithTheCommand() {
    DeliveryCommand sample = sample();
    DeliveryCommand other =
        new DeliveryCommand(
            sample.integrationId(),
            "hyperaktiv",
            sample.idempotencyKey(),
            sample.orderingKey(),
            sample.eventId(),
            sample.eventType(),
            sample.eventTime(),
            new OutboundCall("SEND_CONVERSION", "t-1", "p", utf8("{}")),
            sample.original());

    DeliveryCommand read = CommandCodec.decode(CommandCodec.encode(other));

    assertThat(read.destination()).isEqualTo("hyperaktiv");
    assertThat(read.call().operation()).isEqualTo("SEND_CONVERSION");
    assertThat(read.call().target()).isEqualTo("t-1");
    assertThat(read.call().parameter()).isEqualTo("p");
  }

  @Test
  void aHeaderCountBeyondWhatTheCommandHoldsIsRefusedNotAllocated() {
    byte[] encoded = CommandCodec.encode(sample());
    // the sample has no headers: its last four bytes are the count
    byte[] huge = encoded.clone();
    huge[huge.length - 4] = 0x7f;
    assertThatThrownBy(() -> CommandCodec.decode(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header count");
  }

  @Test
  void aRefundKeepsItsOrderAndAmountAndHasNoBody() {
    DeliveryCommand command =
        new DeliveryCommand(
            "acme",
            "hyros",
            "refund:o-1",
            "order:o-1",
            "evt-2",
            "sale.refunded",
            "2026-11-23T10:00:00Z",
            new OutboundCall(HyrosOperation.REFUND_ORDER.name(), "o/1 ?", "12.50", null),
            new OriginalRecord("crm.events", 0, 0, utf8("k"), utf8("{}"), HeaderList.EMPTY));

    DeliveryCommand read = CommandCodec.decode(CommandCodec.encode(command));

    assertThat(read.call().operation()).isEqualTo("REFUND_ORDER");
    assertThat(read.call().target()).isEqualTo("o/1 ?");
    assertThat(read.call().parameter()).isEqualTo("12.50");
    assertThat(read.call().body()).isNull();
    assertThat(read.original().key()).containsExactly(utf8("k"));
    assertThat(read.original().headers().isEmpty()).isTrue();
  }

  @Test
  void theBinaryFormIsToldApartFromJson() {
    byte[] encoded = CommandCodec.encode(sample());

    assertThat(CommandCodec.isBinary(encoded)).isTrue();
    assertThat(CommandCodec.isBinary(utf8("{\"integrationId\":\"acme\"}"))).isFalse();
    assertThat(CommandCodec.isBinary(new byte[0])).isFalse();
  }

  @Test
  void truncatedUnknownVersionOrTrailingBytesAreRefusedNotMisread() {
    byte[] encoded = CommandCodec.encode(sample());

    for (int length = 0; length < encoded.length; length++) {
      byte[] truncated = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> CommandCodec.decode(truncated))
          .as("cut at %d of %d bytes", length, encoded.length)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] future = encoded.clone();
    future[1] = 3;
    assertThatThrownBy(() -> CommandCodec.decode(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 3");
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> CommandCodec.decode(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }

  static DeliveryCommand sample() {
    return new DeliveryCommand(
        "acme",
        "hyros",
        "lead:evt-3",
        "contact:x@y.z",
        "evt-3",
        "lead.upserted",
        "2026-11-23T10:00:00Z",
        new OutboundCall(
            HyrosOperation.CREATE_LEAD.name(), null, null, utf8("{\"email\":\"x@y.z\"}")),
        new OriginalRecord(
            "crm.events", 1, 42, null, utf8("{\"id\":\"evt-3\"}"), HeaderList.EMPTY));
  }

  private static List<String> names(HeaderList headers) {
    List<String> names = new ArrayList<>();
    headers.forEach((name, value) -> names.add(name));
    return names;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
