package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * 1,000 mixed lead/sale/refund events across 3 integrations, 10% of them duplicates (the same
 * record re-sent, and the same sale under a new event id): the sandbox must receive every unique
 * call exactly once, with the right fields and the right key, and the duplicates must be counted.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class MixedStreamTest {

  private static final int TOTAL = 1000;
  private static final int DUPLICATES = 100;

  /** What the sandbox must receive for one unique event. */
  private record Expected(
      String integration,
      String apiKey,
      String method,
      String identity,
      JsonNode data,
      String time) {}

  @Test
  void everyUniqueEventArrivesExactlyOnceWithItsIntegrationsKey() {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> keys = new HashMap<>();
    for (int i = 1; i <= 3; i++) {
      String integration = "mixed-" + run + "-" + i;
      String key = "hyros-key-" + UUID.randomUUID();
      keys.put(integration, key);
      stack.sandbox().addKey(key, integration + "@example.com");
      stack.database().upsertIntegration(integration, key, null, null);
    }
    List<String> integrations = new ArrayList<>(keys.keySet());
    Random random = new Random(42);

    List<ProducerRecord<byte[], byte[]>> unique = new ArrayList<>();
    List<Expected> expected = new ArrayList<>();
    List<String[]> sales = new ArrayList<>();
    OffsetDateTime base = OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, ZoneOffset.ofHours(2));
    for (int n = 0; unique.size() < TOTAL - DUPLICATES; n++) {
      String integration = integrations.get(n % 3);
      String time =
          base.plusMinutes(n).plusSeconds(n % 60).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      String eventId = "evt-" + run + "-" + n;
      int kind = random.nextInt(10);
      if (kind < 3) {
        String email = "lead-" + run + "-" + n + "@example.com";
        ObjectNode data = Events.lead(email);
        unique.add(
            record(
                "crm.events",
                email,
                Events.envelope(eventId, "lead.upserted", integration, time, data)));
        expected.add(
            new Expected(integration, keys.get(integration), "POST /leads", email, data, time));
      } else if (kind < 8 || sales.isEmpty()) {
        String saleId = "sale-" + run + "-" + n;
        String currency = n % 7 == 0 ? "JPY" : "EUR";
        String price = currency.equals("JPY") ? String.valueOf(1000 + n) : (10 + n % 50) + ".99";
        ObjectNode data =
            Events.sale(saleId, "buyer-" + n + "@example.com", currency, price, 1 + n % 3);
        unique.add(
            record(
                "billing.events",
                saleId,
                Events.envelope(eventId, "sale.completed", integration, time, data)));
        expected.add(
            new Expected(integration, keys.get(integration), "POST /orders", saleId, data, time));
        sales.add(new String[] {saleId, integration, currency});
      } else {
        String[] sale = sales.remove(random.nextInt(sales.size()));
        ObjectNode data = Events.refund(sale[0], sale[2].equals("JPY") ? "500" : "5.50", sale[2]);
        unique.add(
            record(
                "billing.events",
                sale[0],
                Events.envelope(eventId, "sale.refunded", sale[1], time, data)));
        expected.add(
            new Expected(sale[1], keys.get(sale[1]), "DELETE /orders", sale[0], data, time));
      }
    }
    List<ProducerRecord<byte[], byte[]>> stream = new ArrayList<>(unique);
    for (int d = 0; d < DUPLICATES; d++) {
      if (d % 2 == 0) {
        // The very same record re-sent (a producer retry or a replay).
        stream.add(unique.get(random.nextInt(unique.size())));
      } else {
        // The same sale published again under a new event id.
        int i;
        do {
          i = random.nextInt(unique.size());
        } while (!expected.get(i).method().equals("POST /orders"));
        ObjectNode envelope = readEnvelope(unique.get(i));
        envelope.put("id", "evt-" + run + "-again-" + d);
        stream.add(record("billing.events", expected.get(i).identity(), envelope));
      }
    }

    double skippedBefore =
        MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"));
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      stream.forEach(producer::send);
      producer.flush();
    }

    // Polled often, and cheaply: the sandbox counts each request on arrival, before it accepts it,
    // so the accepted ones (whose bodies it parses when asked for them) are read only once as many
    // have arrived.
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                keys.values().stream().mapToInt(key -> stack.sandbox().arrived(key)).sum()
                        >= expected.size()
                    && received(stack, keys).size() >= expected.size());
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(integrations.toArray(String[]::new));
    List<AcceptedRequest> received = received(stack, keys);

    assertThat(received).hasSize(expected.size());
    Map<String, List<AcceptedRequest>> byIdentity =
        received.stream().collect(Collectors.groupingBy(MixedStreamTest::identity));
    for (Expected e : expected) {
      String id =
          e.method() + " " + (e.method().equals("POST /leads") ? e.identity() : e.identity());
      List<AcceptedRequest> calls = byIdentity.getOrDefault(id, List.of());
      assertThat(calls).as("calls for %s", id).hasSize(1);
      AcceptedRequest call = calls.get(0);
      assertThat(call.apiKey()).as("key used for %s", id).isEqualTo(e.apiKey());
      checkFields(e, call);
    }
    assertThat(stack.sandbox().tooManyRequests()).as("429s caused by convgate").isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"))
                            - skippedBefore)
                    .as("duplicates counted as skipped")
                    .isEqualTo(DUPLICATES));
  }

  private static void checkFields(Expected e, AcceptedRequest call) {
    JsonNode data = e.data();
    switch (e.method()) {
      case "POST /leads" -> {
        assertThat(call.body().get("email").asText()).isEqualTo(data.get("email").asText());
        assertThat(call.body().get("firstName").asText()).isEqualTo("Grace");
        assertThat(call.body().get("tags").get(0).asText()).isEqualTo("webinar");
      }
      case "POST /orders" -> {
        JsonNode body = call.body();
        assertThat(body.get("orderId").asText()).isEqualTo(data.get("saleId").asText());
        assertThat(body.get("email").asText()).isEqualTo(data.get("email").asText());
        assertThat(body.get("currency").asText()).isEqualTo(data.get("currency").asText());
        assertThat(body.get("priceFormat").asText()).isEqualTo("DECIMAL");
        assertThat(OffsetDateTime.parse(body.get("date").asText()))
            .isEqualTo(OffsetDateTime.parse(e.time()));
        assertThat(body.get("date").asText()).endsWith("+02:00");
        JsonNode item = body.get("items").get(0);
        assertThat(item.get("price").decimalValue())
            .isEqualByComparingTo(
                new BigDecimal(data.get("items").get(0).get("unitPrice").asText()));
        assertThat(item.get("quantity").asInt())
            .isEqualTo(data.get("items").get(0).get("quantity").asInt());
        assertThat(item.get("externalId").asText()).isEqualTo("plan-annual");
      }
      default ->
          assertThat(call.query().get("refundedAmount"))
              .isEqualTo(data.get("refundedAmount").asText());
    }
  }

  private static String identity(AcceptedRequest call) {
    if (call.path().equals("/leads")) {
      return "POST /leads " + call.body().get("email").asText();
    }
    String method = call.method().equals("POST") ? "POST /orders" : "DELETE /orders";
    return method + " " + call.orderId();
  }

  private static List<AcceptedRequest> received(TestStack stack, Map<String, String> keys) {
    return stack.sandbox().accepted().stream().filter(r -> keys.containsValue(r.apiKey())).toList();
  }

  private static ProducerRecord<byte[], byte[]> record(
      String topic, String key, ObjectNode envelope) {
    return new ProducerRecord<>(
        topic,
        key.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode readEnvelope(ProducerRecord<byte[], byte[]> record) {
    try {
      return (ObjectNode) Events.JSON.readTree(record.value());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
