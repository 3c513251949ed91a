package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.LogCapture;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Producers control the attributes and data of their events. Hostile values (line breaks, control
 * characters, terminal escapes, Unicode line separators, 100,000 characters) in type, integration,
 * id, source, currency and a name, sent through the input topic and through {@code POST
 * /api/v1/events}, never reach a log line raw or unbounded (plain or JSON logging, DEBUG included),
 * and every hostile record is still dead-lettered or delivered.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LogInjectionTest {

  private static final String TIME = "2026-11-22T10:00:00Z";
  private static final String FORGED =
      "\r\n21:00:00,000 INFO  [IngestStage] forged line\u2028forged\u0085\u0007\u001b[2J\u202e";

  /** The longest log message or MDC field the test accepts. */
  private static final int MAX_LINE = 2_000;

  @Test
  void hostileValuesAreLoggedEscapedAndBoundedAndNothingIsLost() throws Exception {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "logs", null, null);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String huge = hostile(run, 100_000);
    String small = "evt-" + run + FORGED;

    List<ProducerRecord<byte[], byte[]>> rejected = new ArrayList<>();
    rejected.add(record(run + "-type", sale(tenant, "t-" + run).put("type", huge)));
    rejected.add(record(run + "-integration", sale(tenant, "i-" + run).put("integration", huge)));
    rejected.add(record(run + "-id", sale(tenant, "d-" + run).put("id", huge)));
    rejected.add(record(run + "-source", sale(tenant, "s-" + run).put("source", huge)));
    ObjectNode currency = sale(tenant, "c-" + run);
    ((ObjectNode) currency.get("data")).put("currency", huge);
    rejected.add(record(run + "-currency", currency));
    ObjectNode name = sale(tenant, "n-" + run);
    ((ObjectNode) name.get("data")).put("firstName", huge);
    rejected.add(record(run + "-name", name));
    ObjectNode property = sale(tenant, "p-" + run);
    ((ObjectNode) property.get("data")).put(huge, "x");
    rejected.add(record(run + "-property", property));
    ObjectNode stranger = sale(tenant, "u-" + run).put("integration", "nobody-" + run);
    rejected.add(record(run + "-stranger", stranger.put("id", small)));
    rejected.add(
        new ProducerRecord<>(
            "billing.events",
            (run + "-not-json").getBytes(StandardCharsets.UTF_8),
            // the parser quotes the token it cannot read, control characters included
            ("{\"id\": nonsense\u0007\u001b\u202e" + "x".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8)));
    ProducerRecord<byte[], byte[]> binary =
        new ProducerRecord<>(
            "billing.events",
            (run + "-binary").getBytes(StandardCharsets.UTF_8),
            Events.sale("b-" + run, "b@example.com", "USD", "10.00", 1)
                .toString()
                .getBytes(StandardCharsets.UTF_8));
    binary.headers().add("ce_specversion", bytes("1.0"));
    binary.headers().add("ce_id", bytes(huge));
    binary.headers().add("ce_source", bytes(huge));
    binary.headers().add("ce_type", bytes(huge));
    binary.headers().add("ce_time", bytes(huge));
    binary.headers().add("ce_integration", bytes(huge));
    rejected.add(binary);

    // An id, a source and a name holding line breaks and control characters (within their
    // lengths): refused by the contract (decision 0031), and logged escaped on the way out.
    ObjectNode controls = sale(tenant, "k-" + run).put("id", small).put("source", small);
    ((ObjectNode) controls.get("data")).put("firstName", small);
    rejected.add(record(run + "-controls", controls));

    // Valid events that still carry a producer's control characters (in an extension attribute,
    // whose value the contract leaves free) and markup in a name: delivered, and logged on the way
    // at DEBUG.
    ObjectNode validByKafka = sale(tenant, "K-" + run).put("note", small);
    ((ObjectNode) validByKafka.get("data")).put("firstName", "<script>x</script>");
    ObjectNode validByHttp = sale(tenant, "H-" + run).put("note", small + "-http");
    ((ObjectNode) validByHttp.get("data")).put("firstName", "<script>y</script>");
    ObjectNode refusedByHttp = sale(tenant, "R-" + run).put("type", huge).put("id", huge);
    ((ObjectNode) refusedByHttp.get("data")).put("currency", huge);

    try (LogCapture logs = LogCapture.start("io.convgate", Level.FINE);
        DeadLetterReader deadLetters = new DeadLetterReader(stack.bootstrapServers())) {
      List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>(rejected);
      all.add(record(run + "-valid", validByKafka));
      Tenants.produce(stack, all);

      Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
      Response refused = admin.post("/api/v1/events", refusedByHttp.toString());
      assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
      assertThat(refused.asString().length())
          .as("the refusal quotes the hostile values bounded")
          .isLessThan(20_000);
      Response accepted = admin.post("/api/v1/events", validByHttp.toString());
      assertThat(accepted.statusCode()).as(accepted.asString()).isBetween(200, 299);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  deadLetters.matching(r -> key(r).startsWith(run + "-")).size()
                      >= rejected.size());
      assertThat(deadLetters.matching(r -> key(r).startsWith(run + "-")))
          .extracting(DeadLetterReader::key)
          .containsExactlyInAnyOrderElementsOf(
              rejected.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(tenant.received(stack))
                      .extracting(AcceptedRequest::orderId)
                      .containsExactlyInAnyOrder("K-" + run, "H-" + run));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  logs.records().stream()
                          .filter(r -> tenant.integration().equals(r.mdc().get("integration")))
                          .filter(r -> "delivered".equals(r.mdc().get("outcome")))
                          .count()
                      >= 2);

      List<LogCapture.Captured> captured = logs.records();
      assertThat(captured.stream().filter(r -> r.message().startsWith("dead-lettered")))
          .as("every hostile record logged its dead letter")
          .hasSizeGreaterThanOrEqualTo(rejected.size());
      List<String> unsafe = new ArrayList<>();
      for (LogCapture.Captured record : captured) {
        check(record, "message", record.message(), unsafe);
        for (Map.Entry<String, String> field : record.mdc().entrySet()) {
          check(record, "MDC " + field.getKey(), field.getValue(), unsafe);
        }
      }
      assertThat(unsafe).as("log lines with raw or unbounded values").isEmpty();

      // The dead-letter index takes them too (a 100,000-character integration once stopped it),
      // and so a dead letter written before convgate bounded its headers.
      ProducerRecord<byte[], byte[]> legacy =
          new ProducerRecord<>(
              DeadLetterReader.TOPIC,
              ("legacy-" + run).getBytes(StandardCharsets.UTF_8),
              bytes("{}"));
      legacy.headers().add("convgate-reason-code", bytes("invalid-envelope"));
      legacy.headers().add("convgate-stage", bytes("ingest"));
      legacy.headers().add("dead-letter-reason", bytes(huge));
      legacy.headers().add("convgate-integration", bytes(huge));
      legacy.headers().add("convgate-event-id", bytes(huge));
      legacy.headers().add("convgate-event-type", bytes(huge));
      Tenants.produce(stack, List.of(legacy));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack
                          .database()
                          .count(
                              "SELECT count(*) FROM dead_letters"
                                  + " WHERE convert_from(record_key, 'UTF8') LIKE ?",
                              run + "-%")
                      == rejected.size());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack
                          .database()
                          .count(
                              "SELECT count(*) FROM dead_letters"
                                  + " WHERE convert_from(record_key, 'UTF8') = ?",
                              "legacy-" + run)
                      == 1);
    }
  }

  private static void check(
      LogCapture.Captured record, String what, String text, List<String> unsafe) {
    String where = what + " of a " + record.level() + " line of " + record.logger();
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    if (text.length() > MAX_LINE) {
      unsafe.add(where + " has " + text.length() + " characters: " + shown);
    }
    text.codePoints()
        .filter(LogInjectionTest::unsafe)
        .findFirst()
        .ifPresent(c -> unsafe.add(where + String.format(" holds a raw U+%04X: ", c) + shown));
  }

  /** What a terminal or a line-based log reader would act on. */
  private static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT
        || type == Character.SURROGATE;
  }

  /** Line breaks and control characters, then {@code length} characters that do not repeat. */
  private static String hostile(String run, int length) {
    StringBuilder text = new StringBuilder(run).append(FORGED);
    while (text.length() < length) {
      text.append(UUID.randomUUID());
    }
    return text.substring(0, length);
  }

  private static ObjectNode sale(Tenants.Tenant tenant, String saleId) {
    return Events.envelope(
        "evt-" + saleId,
        "sale.completed",
        tenant.integration(),
        TIME,
        Events.sale(saleId, "buyer@example.com", "USD", "19.99", 1));
  }

  private static ProducerRecord<byte[], byte[]> record(String key, ObjectNode envelope) {
    return Tenants.record(key, envelope);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
