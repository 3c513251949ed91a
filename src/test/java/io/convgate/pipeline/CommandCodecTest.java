package io.convgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convgate.hyros.HyrosCall;
import io.convgate.hyros.HyrosOperation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

  @Test
  void anOrderComesBackFieldForFieldWithItsBodyAndRecordByteForByte() {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put("ce_type", utf8("sale.completed"));
    headers.put("trace", new byte[] {0, (byte) 0xff, 7});
    headers.put("empty", null);
    DeliveryCommand command =
        new DeliveryCommand(
            "acme-ü",
            "order:o-1",
            "contact:a@b.c",
            "evt-1",
            "sale.completed",
            "2026-11-23T10:00:00.123+01:00",
            new HyrosCall(
                HyrosOperation.CREATE_ORDER, null, null, utf8("{\"orderId\":\"o-1\",\"a\":\"€\"}")),
            new OriginalRecord(
                "billing.events", 7, 1L << 40, null, new byte[] {1, 2, 3, (byte) 0x80}, headers));

    DeliveryCommand read = CommandCodec.decode(CommandCodec.encode(command));

    assertThat(read.integrationId()).isEqualTo("acme-ü");
    assertThat(read.idempotencyKey()).isEqualTo("order:o-1");
    assertThat(read.orderingKey()).isEqualTo("contact:a@b.c");
    assertThat(read.eventId()).isEqualTo("evt-1");
    assertThat(read.eventType()).isEqualTo("sale.completed");
    assertThat(read.eventTime()).isEqualTo("2026-11-23T10:00:00.123+01:00");
    assertThat(read.call().operation()).isEqualTo(HyrosOperation.CREATE_ORDER);
    assertThat(read.call().orderId()).isNull();
    assertThat(read.call().refundedAmount()).isNull();
    assertThat(read.call().body()).isEqualTo(command.call().body());
    assertThat(read.original().topic()).isEqualTo("billing.events");
    assertThat(read.original().partition()).isEqualTo(7);
    assertThat(read.original().offset()).isEqualTo(1L << 40);
    assertThat(read.original().key()).isNull();
    assertThat(read.original().value()).containsExactly(1, 2, 3, 0x80);
    assertThat(read.original().headers()).containsOnlyKeys("ce_type", "trace", "empty");
    assertThat(read.original().headers().keySet()).containsExactly("ce_type", "trace", "empty");
    assertThat(read.original().headers().get("trace")).containsExactly(0, 0xff, 7);
    assertThat(read.original().headers().get("empty")).isNull();
  }

  @Test
  void aRefundKeepsItsOrderAndAmountAndHasNoBody() {
    DeliveryCommand command =
        new DeliveryCommand(
            "acme",
            "refund:o-1",
            "order:o-1",
            "evt-2",
            "sale.refunded",
            "2026-11-23T10:00:00Z",
            new HyrosCall(HyrosOperation.REFUND_ORDER, "o/1 ?", "12.50", null),
            new OriginalRecord("crm.events", 0, 0, utf8("k"), utf8("{}"), Map.of()));

    DeliveryCommand read = CommandCodec.decode(CommandCodec.encode(command));

    assertThat(read.call().operation()).isEqualTo(HyrosOperation.REFUND_ORDER);
    assertThat(read.call().orderId()).isEqualTo("o/1 ?");
    assertThat(read.call().refundedAmount()).isEqualTo("12.50");
    assertThat(read.call().body()).isNull();
    assertThat(read.original().key()).containsExactly(utf8("k"));
    assertThat(read.original().headers()).isEmpty();
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
    future[1] = 2;
    assertThatThrownBy(() -> CommandCodec.decode(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> CommandCodec.decode(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }

  static DeliveryCommand sample() {
    return new DeliveryCommand(
        "acme",
        "lead:evt-3",
        "contact:x@y.z",
        "evt-3",
        "lead.upserted",
        "2026-11-23T10:00:00Z",
        new HyrosCall(HyrosOperation.CREATE_LEAD, null, null, utf8("{\"email\":\"x@y.z\"}")),
        new OriginalRecord("crm.events", 1, 42, null, utf8("{\"id\":\"evt-3\"}"), Map.of()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
