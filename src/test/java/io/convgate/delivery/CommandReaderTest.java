package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.OutboundCall;
import io.convgate.hyros.HyrosOperation;
import io.convgate.hyros.TestDestinations;
import io.convgate.pipeline.CommandCodec;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CommandReaderTest {

  private final ObjectMapper json = new ObjectMapper();
  private final CommandReader reader = new CommandReader(json, TestDestinations.with(json));

  @Test
  void readsTheBinaryFormFromTheTopic() {
    DeliveryCommand read = reader.read(CommandCodec.encode(order()));

    assertThat(read).isNotNull();
    assertThat(read.idempotencyKey()).isEqualTo("order:o-1");
    assertThat(new String(read.call().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"orderId\":\"o-1\",\"items\":[{\"price\":9.5}]}");
  }

  @Test
  void readsTheJsonFormAnEarlierVersionLeftOnTheTopic() {
    // the form written before the binary one: the body as a nested object, the record in base64
    String legacy =
        """
        {"integrationId":"acme","idempotencyKey":"order:o-1","orderingKey":"contact:a@b.c",
         "eventId":"evt-1","eventType":"sale.completed","eventTime":"2026-11-23T10:00:00Z",
         "call":{"operation":"CREATE_ORDER","orderId":null,"refundedAmount":null,
                 "body":{"orderId":"o-1","items":[{"price":9.5}]}},
         "original":{"topic":"billing.events","partition":3,"offset":17,"key":null,
                     "value":"eyJpZCI6ImV2dC0xIn0=","headers":{"ce_type":"c2FsZS5jb21wbGV0ZWQ="}}}
        """;

    DeliveryCommand read = reader.read(legacy.getBytes(StandardCharsets.UTF_8));

    assertThat(read).isNotNull();
    assertThat(read.destination()).as("written before kinds: a Hyros call").isEqualTo("hyros");
    assertThat(read.call().operation()).isEqualTo("CREATE_ORDER");
    assertThat(new String(read.call().body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"orderId\":\"o-1\",\"items\":[{\"price\":9.5}]}");
    assertThat(new String(read.original().value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"evt-1\"}");
    assertThat(read.original().headers().lastValue("ce_type"))
        .isEqualTo("sale.completed".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theParkedJsonFormShowsTheBodyAsJsonAndReadsBackTheSame() throws Exception {
    String parked = json.writeValueAsString(order());

    JsonNode tree = json.readTree(parked);
    assertThat(tree.at("/call/body/orderId").asText()).isEqualTo("o-1");
    DeliveryCommand read = reader.read(parked);
    assertThat(read).isNotNull();
    assertThat(read.call().body()).isEqualTo(order().call().body());
    assertThat(read.original().value()).isEqualTo(order().original().value());
  }

  @Test
  void aParkedCommandKeepsRepeatedHeadersInOrderAndStillShowsEarlierVersionsTheirObject()
      throws Exception {
    HeaderList headers =
        HeaderList.builder(4)
            .add("trace", utf8("first"))
            .add("empty", null)
            .add("trace", utf8("second"))
            .add("bin", new byte[] {(byte) 0xc3, 0x28})
            .build();
    DeliveryCommand command = withHeaders(headers);

    String parked = json.writeValueAsString(command);

    JsonNode tree = json.readTree(parked).path("original");
    // what an earlier version reads: one value per name, the last, as it always kept
    assertThat(tree.path("headers").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("trace", "empty", "bin");
    assertThat(tree.path("headers").path("trace").binaryValue()).isEqualTo(utf8("second"));
    assertThat(tree.path("headerList").size()).isEqualTo(4);
    assertThat(reader.read(parked).original().headers()).isEqualTo(headers);
    assertThat(reader.read(utf8(parked)).original().headers()).isEqualTo(headers);
  }

  @Test
  void aParkedCommandWithoutRepeatsIsWrittenAsBefore() throws Exception {
    HeaderList headers =
        HeaderList.builder(2).add("ce_type", utf8("sale.completed")).add("empty", null).build();

    JsonNode tree = json.readTree(json.writeValueAsString(withHeaders(headers))).path("original");

    assertThat(tree.has("headerList")).isFalse();
    assertThat(tree.path("headers").toString())
        .isEqualTo("{\"ce_type\":\"c2FsZS5jb21wbGV0ZWQ=\",\"empty\":null}");
    assertThat(reader.read(json.writeValueAsString(withHeaders(headers))).original().headers())
        .isEqualTo(headers);
  }

  @Test
  void damagedOrIncompleteCommandsAreUnreadableNotMisread() {
    byte[] encoded = CommandCodec.encode(order());

    assertThat(reader.read(Arrays.copyOf(encoded, encoded.length - 3))).isNull();
    assertThat(reader.read("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(reader.read((byte[]) null)).isNull();
    DeliveryCommand bodiless =
        new DeliveryCommand(
            "acme",
            "hyros",
            "order:o-2",
            "contact:a@b.c",
            "evt-2",
            "sale.completed",
            "2026-11-23T10:00:00Z",
            new OutboundCall(HyrosOperation.CREATE_ORDER.name(), null, null, null),
            order().original());
    assertThat(reader.read(CommandCodec.encode(bodiless))).isNull();
    DeliveryCommand orderless =
        new DeliveryCommand(
            "acme",
            "hyros",
            "refund:o-2",
            "order:o-2",
            "evt-3",
            "sale.refunded",
            "2026-11-23T10:00:00Z",
            new OutboundCall(HyrosOperation.REFUND_ORDER.name(), null, null, null),
            order().original());
    assertThat(reader.read(CommandCodec.encode(orderless))).isNull();
  }

  @Test
  void aCommandForADestinationThisBuildDoesNotKnowIsUnreadable() {
    DeliveryCommand order = order();
    DeliveryCommand elsewhere =
        new DeliveryCommand(
            order.integrationId(),
            "nowhere",
            order.idempotencyKey(),
            order.orderingKey(),
            order.eventId(),
            order.eventType(),
            order.eventTime(),
            order.call(),
            order.original());

    assertThat(reader.read(CommandCodec.encode(order))).isNotNull();
    assertThat(reader.read(CommandCodec.encode(elsewhere))).isNull();
  }

  @Test
  void aCommandOfAnOperationHyrosDoesNotHaveIsUnreadable() {
    DeliveryCommand order = order();
    DeliveryCommand unknown =
        new DeliveryCommand(
            order.integrationId(),
            "hyros",
            order.idempotencyKey(),
            order.orderingKey(),
            order.eventId(),
            order.eventType(),
            order.eventTime(),
            new OutboundCall("LAUNCH_ROCKET", null, null, order.call().body()),
            order.original());

    assertThat(reader.read(CommandCodec.encode(unknown))).isNull();
  }

  private static DeliveryCommand withHeaders(HeaderList headers) {
    DeliveryCommand order = order();
    return new DeliveryCommand(
        order.integrationId(),
        "hyros",
        order.idempotencyKey(),
        order.orderingKey(),
        order.eventId(),
        order.eventType(),
        order.eventTime(),
        order.call(),
        new OriginalRecord("billing.events", 3, 17, utf8("k"), order.original().value(), headers));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DeliveryCommand order() {
    return new DeliveryCommand(
        "acme",
        "hyros",
        "order:o-1",
        "contact:a@b.c",
        "evt-1",
        "sale.completed",
        "2026-11-23T10:00:00Z",
        new OutboundCall(
            HyrosOperation.CREATE_ORDER.name(),
            null,
            null,
            "{\"orderId\":\"o-1\",\"items\":[{\"price\":9.5}]}".getBytes(StandardCharsets.UTF_8)),
        new OriginalRecord(
            "billing.events",
            3,
            17,
            null,
            "{\"id\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8),
            HeaderList.EMPTY));
  }
}
