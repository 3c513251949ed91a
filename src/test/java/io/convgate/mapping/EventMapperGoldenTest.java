package io.convgate.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.ContactRule;
import io.convgate.event.ConversionEvent;
import io.convgate.event.CurrencyRule;
import io.convgate.event.EventDecoder;
import io.convgate.event.EventType;
import io.convgate.event.LeadData;
import io.convgate.event.RefundData;
import io.convgate.event.SaleData;
import io.convgate.event.SchemaCatalog;
import io.convgate.support.JsonCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: {@code golden/<case>/data.json} is the event data as a producer sends it, {@code
 * expected.json} the Hyros call convgate must make for it.
 */
class EventMapperGoldenTest {

  private static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());
  private static final EventDecoder DECODER =
      new EventDecoder(JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));

  /**
   * A sale's business time, in the producer's own offset, to the nanosecond: the golden dates show
   * it sent to the second ({@code 2026-11-20T10:00:00+05:30}).
   */
  private static final OffsetDateTime SALE_TIME =
      OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30));

  private static final String MANY_ITEMS_SALE = "ch_3PXq9w2eZvKYlo2C";
  private static final String FORBIDDEN_SALE = "order 2026/11#7";
  private static final String JPY_SALE = "jp-000123";

  record Case(
      String name, EventType type, String eventId, String idempotencyKey, String orderingKey) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "lead-email-only",
            EventType.LEAD_UPSERTED,
            "evt-lead-1",
            "lead:evt-lead-1",
            "contact:ada.lovelace@example.com"),
        new Case(
            "lead-phone-only",
            EventType.LEAD_UPSERTED,
            "evt-lead-2",
            "lead:evt-lead-2",
            "contact:+1 415 555 0100"),
        new Case(
            "lead-all-fields",
            EventType.LEAD_UPSERTED,
            "evt-lead-3",
            "lead:evt-lead-3",
            "contact:grace@example.com"),
        new Case(
            "lead-markup-blank-name",
            EventType.LEAD_UPSERTED,
            "evt-lead-4",
            "lead:evt-lead-4",
            "contact:mallory@example.com"),
        new Case(
            "sale-blank-names", EventType.SALE_COMPLETED, "evt-sale-5", "sale:bn-1", "sale:bn-1"),
        new Case(
            "sale-many-items",
            EventType.SALE_COMPLETED,
            "evt-sale-1",
            "sale:" + MANY_ITEMS_SALE,
            "sale:" + MANY_ITEMS_SALE),
        new Case(
            "sale-jpy",
            EventType.SALE_COMPLETED,
            "evt-sale-2",
            "sale:" + JPY_SALE,
            "sale:" + JPY_SALE),
        new Case(
            "sale-non-ascii",
            EventType.SALE_COMPLETED,
            "evt-sale-3",
            "sale:eu-7781",
            "sale:eu-7781"),
        new Case(
            "sale-forbidden-id",
            EventType.SALE_COMPLETED,
            "evt-sale-4",
            "sale:" + FORBIDDEN_SALE,
            "sale:" + FORBIDDEN_SALE),
        new Case(
            "refund-full",
            EventType.SALE_REFUNDED,
            "evt-refund-1",
            "refund:" + FORBIDDEN_SALE + ":full",
            "sale:" + FORBIDDEN_SALE),
        new Case(
            "refund-partial",
            EventType.SALE_REFUNDED,
            "evt-refund-2",
            "refund:" + MANY_ITEMS_SALE + ":re_1QabC",
            "sale:" + MANY_ITEMS_SALE),
        new Case(
            "refund-partial-jpy",
            EventType.SALE_REFUNDED,
            "evt-refund-3",
            "refund:" + JPY_SALE + ":2",
            "sale:" + JPY_SALE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsToTheGoldenHyrosCall(Case c) throws Exception {
    MappedEvent mapped = map(c, SALE_TIME);
    JsonNode expected = JSON.readTree(resource(c.name() + "/expected.json"));

    JsonNode actual = describe(mapped.request());

    assertThat(actual)
        .as(
            "%s%nexpected: %s%nactual:   %s",
            c.name(),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
        .isEqualTo(expected);
    assertThat(mapped.idempotencyKey()).as("idempotency key").isEqualTo(c.idempotencyKey());
    assertThat(mapped.orderingKey()).as("ordering key").isEqualTo(c.orderingKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestKindFollowsTheEventType(Case c) throws Exception {
    HyrosRequest request = map(c, SALE_TIME).request();
    switch (c.type()) {
      case LEAD_UPSERTED -> assertThat(request).isInstanceOf(HyrosRequest.CreateLead.class);
      case SALE_COMPLETED -> assertThat(request).isInstanceOf(HyrosRequest.CreateOrder.class);
      case SALE_REFUNDED -> assertThat(request).isInstanceOf(HyrosRequest.RefundOrder.class);
    }
  }

  @Test
  void everyGoldenDirectoryIsACase() throws URISyntaxException, IOException {
    Path root = Path.of(EventMapperGoldenTest.class.getResource("/golden").toURI());
    List<String> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
    List<String> names =
        Stream.concat(cases().map(Case::name), ChangeMapperGoldenTest.cases().map(c -> c.name()))
            .toList();
    assertThat(dirs).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void moneyIsWrittenAsPlainDecimals() throws Exception {
    for (String name : List.of("sale-many-items", "sale-jpy", "sale-non-ascii")) {
      Case c = cases().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      HyrosRequest.CreateOrder order = (HyrosRequest.CreateOrder) map(c, SALE_TIME).request();
      String text = JSON.writeValueAsString(order.body());
      assertThat(text).as(name).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
    }
    Case jpy = cases().filter(x -> x.name().equals("sale-jpy")).findFirst().orElseThrow();
    String text =
        JSON.writeValueAsString(((HyrosRequest.CreateOrder) map(jpy, SALE_TIME).request()).body());
    assertThat(text).contains("\"price\":1500").contains("\"shippingCost\":500");
  }

  @Test
  void saleDateKeepsTheProducersOffsetAndIsCutToTheSecond() throws Exception {
    Case sale = cases().filter(x -> x.name().equals("sale-jpy")).findFirst().orElseThrow();
    OffsetDateTime[] times = {
      SALE_TIME,
      OffsetDateTime.of(2026, 11, 20, 23, 59, 7, 0, ZoneOffset.ofHoursMinutes(5, 30)),
      OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
      OffsetDateTime.of(2026, 11, 20, 10, 15, 30, 123_456_789, ZoneOffset.ofHours(1)),
      OffsetDateTime.of(2026, 11, 20, 10, 15, 30, 123_000_000, ZoneOffset.ofHours(1)),
      OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-5)),
      OffsetDateTime.of(2026, 11, 20, 10, 15, 30, 500_000_000, ZoneOffset.UTC)
    };
    String[] expected = {
      "2026-11-20T10:00:00+05:30",
      "2026-11-20T23:59:07+05:30",
      "2026-01-02T03:04:00+05:30",
      "2026-11-20T10:15:30+01:00",
      "2026-11-20T10:15:30+01:00",
      // cut, not rounded: a rounded date would be in the next year
      "2026-12-31T23:59:59-05:00",
      "2026-11-20T10:15:30Z"
    };
    for (int i = 0; i < times.length; i++) {
      HyrosRequest.CreateOrder order = (HyrosRequest.CreateOrder) map(sale, times[i]).request();
      assertThat(order.body().date())
          .as("%s", times[i])
          .matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$")
          .isEqualTo(expected[i]);
    }
  }

  @Test
  void aSaleAndItsRefundsNameTheSameOrderAndShareAnOrderingKey() throws Exception {
    Map<String, String> refundToSale =
        Map.of(
            "refund-full", "sale-forbidden-id",
            "refund-partial", "sale-many-items",
            "refund-partial-jpy", "sale-jpy");
    for (Map.Entry<String, String> pair : refundToSale.entrySet()) {
      Case refundCase = cases().filter(x -> x.name().equals(pair.getKey())).findFirst().get();
      Case saleCase = cases().filter(x -> x.name().equals(pair.getValue())).findFirst().get();
      MappedEvent refund = map(refundCase, SALE_TIME);
      MappedEvent sale = map(saleCase, SALE_TIME);
      assertThat(((HyrosRequest.RefundOrder) refund.request()).orderId())
          .as(pair.getKey())
          .isEqualTo(((HyrosRequest.CreateOrder) sale.request()).body().orderId());
      assertThat(refund.orderingKey()).as(pair.getKey()).isEqualTo(sale.orderingKey());
      assertThat(refund.idempotencyKey()).isNotEqualTo(sale.idempotencyKey());
    }
  }

  @Test
  void theSameSaleUnderANewEventIdIsTheSameDelivery() throws Exception {
    Case sale = cases().filter(x -> x.name().equals("sale-many-items")).findFirst().get();
    Case resent = new Case(sale.name(), sale.type(), "evt-sale-resent", null, null);
    assertThat(map(resent, SALE_TIME.plusMinutes(5)).idempotencyKey())
        .isEqualTo(map(sale, SALE_TIME).idempotencyKey());
  }

  @Test
  void distinctRefundsOfOneSaleAreDistinctDeliveries() {
    MappedEvent first =
        EventMapper.refund(
            new RefundData(MANY_ITEMS_SALE, "r1", new java.math.BigDecimal("1"), "USD"));
    MappedEvent second =
        EventMapper.refund(
            new RefundData(MANY_ITEMS_SALE, "r2", new java.math.BigDecimal("1"), "USD"));
    MappedEvent full = EventMapper.refund(new RefundData(MANY_ITEMS_SALE, null, null, "USD"));
    assertThat(List.of(first.idempotencyKey(), second.idempotencyKey(), full.idempotencyKey()))
        .doesNotHaveDuplicates();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * Reads the case's data.json, checks that a producer could really send it (it passes the
   * decoder), and maps it.
   */
  private static MappedEvent map(Case c, OffsetDateTime time) throws Exception {
    JsonNode data = JSON.readTree(resource(c.name() + "/data.json"));
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", c.eventId());
    envelope.put("source", "billing/test");
    envelope.put("type", c.type().wireName());
    envelope.put("time", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    envelope.put("integration", "acme");
    envelope.set("data", data);
    ConversionEvent event = DECODER.decode(JSON.writeValueAsBytes(envelope), Map.of());
    assertThat(event.data()).as("decoded data of %s", c.name()).isEqualTo(data);

    JsonNode decoded = event.data();
    return switch (c.type()) {
      case LEAD_UPSERTED ->
          EventMapper.lead(c.eventId(), JSON.treeToValue(decoded, LeadData.class));
      case SALE_COMPLETED -> EventMapper.sale(time, JSON.treeToValue(decoded, SaleData.class));
      case SALE_REFUNDED -> EventMapper.refund(JSON.treeToValue(decoded, RefundData.class));
      default -> throw new IllegalArgumentException(c.type().wireName());
    };
  }

  /** The Hyros call as JSON: the serialized body, or method, path and query for a refund. */
  private static JsonNode describe(HyrosRequest request) throws IOException {
    if (request instanceof HyrosRequest.CreateLead lead) {
      return JSON.readTree(JSON.writeValueAsString(lead.body()));
    }
    if (request instanceof HyrosRequest.CreateOrder order) {
      return JSON.readTree(JSON.writeValueAsString(order.body()));
    }
    HyrosRequest.RefundOrder refund = (HyrosRequest.RefundOrder) request;
    ObjectNode call = JSON.createObjectNode();
    call.put("method", "DELETE");
    call.put("path", "/orders/" + refund.orderId());
    ObjectNode query = call.putObject("query");
    if (refund.refundedAmount() != null) {
      query.put("refundedAmount", refund.refundedAmount().toPlainString());
    }
    return call;
  }

  private static String resource(String path) {
    try (InputStream in = EventMapperGoldenTest.class.getResourceAsStream("/golden/" + path)) {
      assertThat(in).as("golden/" + path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
