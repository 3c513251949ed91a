package io.convgate.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The series the alerts need exist before anything happens (an integration that never delivered, a
 * declared source that never sent), a rejected event keeps its source, and producers cannot create
 * series at will through the CloudEvents source. The test profile declares the sources {@code
 * billing/test} and {@code https://declared.example/never-sends}.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class MetricSeriesTest {

  private static final String NEVER_SENDS = "https://declared.example/never-sends";
  private static final String LAST_DELIVERY = "convgate_last_delivery_timestamp_seconds";
  private static final String LAST_EVENT = "convgate_source_last_event_timestamp_seconds";
  private static final String INGESTED = "convgate_ingest_events_total";
  private static final Pattern SOURCE = Pattern.compile("source=\"([^\"]*)\"");

  @Test
  void aDeclaredSourceThatNeverSentHasItsSeriesFromStartUp() {
    double startedAt = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
    String text = MetricsScrape.scrape();

    assertThat(text).contains(LAST_EVENT + "{source=\"" + NEVER_SENDS + "\"}");
    // ConvgateSourceSilent (time() - x > 86400) fires a day after start-up
    assertThat(MetricsScrape.sum(text, LAST_EVENT, Map.of("source", NEVER_SENDS)))
        .isBetween(Math.floor(startedAt), System.currentTimeMillis() / 1000.0);
  }

  @Test
  void aRetiredIntegrationLosesItsHeartbeatSoNoAlertWaitsForIt() {
    TestStack stack = TestStack.shared();
    Tenant gone = Tenants.create(stack, "retired-heartbeat", null, null);
    String series = LAST_DELIVERY + "{integration=\"" + gone.integration() + "\"}";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(MetricsScrape.scrape()).contains(series));

    int status =
        Admin.inTest(TestStack.ADMIN_KEY)
            .delete("/api/v1/integrations/" + gone.integration())
            .statusCode();

    assertThat(status).isEqualTo(200);
    // ConvgateNoDeliveries would otherwise fire for it 2 hours later, and for ever
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(MetricsScrape.scrape()).doesNotContain(series));
  }

  @Test
  void anIntegrationThatNeverDeliveredHasItsHeartbeatFromItsCreation() {
    TestStack stack = TestStack.shared();
    Tenant idle = Tenants.create(stack, "never-delivered", null, null);
    long createdAt =
        stack
            .database()
            .count(
                "SELECT floor(extract(epoch FROM created_at)) FROM integrations WHERE id = ?",
                idle.integration());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(MetricsScrape.scrape())
                    .contains(LAST_DELIVERY + "{integration=\"" + idle.integration() + "\"}"));
    String text = MetricsScrape.scrape();
    // ConvgateNoDeliveries (time() - x > 7200) fires 2 hours after its creation
    assertThat(MetricsScrape.sum(text, LAST_DELIVERY, Map.of("integration", idle.integration())))
        .isEqualTo(createdAt);
    // ...and it is its only series: 10,000 mostly idle integrations must not carry counters of
    // zeros each (decision 0041); the alert rules find a counter's first increment without them
    assertThat(text.lines().filter(line -> line.contains("\"" + idle.integration() + "\"")))
        .allMatch(line -> line.startsWith(LAST_DELIVERY + "{"));
  }

  @Test
  void anIntegrationWhoseLastDeliveryIsOldAlertsAfterARestart() {
    TestStack stack = TestStack.shared();
    String id = "delivered-long-ago-" + UUID.randomUUID().toString().substring(0, 8);
    // delivered 3 hours ago, by an earlier process: the ledger remembers it
    deliveredThreeHoursAgo(stack, id);
    stack.database().upsertIntegration(id, "hyros-key-" + UUID.randomUUID(), null, null);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(MetricsScrape.scrape())
                    .contains(LAST_DELIVERY + "{integration=\"" + id + "\"}"));
    double now = System.currentTimeMillis() / 1000.0;
    // time() - x is about 10800 > 7200: ConvgateNoDeliveries fires now, not 2 hours from now
    assertThat(MetricsScrape.sum(LAST_DELIVERY, Map.of("integration", id)))
        .isBetween(now - 3 * 3600 - 120, now - 3 * 3600 + 120);
    // Read from the ledger once (nothing was written back for it) and written back, so that the
    // admin API, which reads only the written-back table, shows the delivery too
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(lastDeliveryAt(id)).isBetween(now - 3 * 3600 - 120, now - 3 * 3600));
  }

  @Test
  void theHeartbeatWrittenBackIsReadBeforeTheLedger() {
    TestStack stack = TestStack.shared();
    String id = "written-back-" + UUID.randomUUID().toString().substring(0, 8);
    // The ledger's newest delivery is 3 hours old, the one written back 5 minutes: an instance
    // delivered since and wrote it back; the ledger is not read for it (decision 0057)
    deliveredThreeHoursAgo(stack, id);
    stack
        .database()
        .execute(
            "INSERT INTO delivery_heartbeats (integration_id, delivered_at) VALUES ('"
                + id
                + "', now() - interval '5 minutes')");
    stack.database().upsertIntegration(id, "hyros-key-" + UUID.randomUUID(), null, null);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(MetricsScrape.scrape())
                    .contains(LAST_DELIVERY + "{integration=\"" + id + "\"}"));
    double now = System.currentTimeMillis() / 1000.0;
    assertThat(MetricsScrape.sum(LAST_DELIVERY, Map.of("integration", id)))
        .isBetween(now - 300 - 60, now - 300 + 60);
    assertThat(lastDeliveryAt(id)).as("the admin API").isBetween(now - 300 - 60, now - 300 + 60);
  }

  @Test
  void aDeliveryIsWrittenBackForTheNextStartUp() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "writes-back", null, null);
    long before = System.currentTimeMillis() / 1000;
    String orderId = "wb-" + UUID.randomUUID();
    assertThat(
            Admin.inTest(TestStack.ADMIN_KEY)
                .get("/api/v1/integrations/" + tenant.integration())
                .jsonPath()
                .getString("lastDeliveryAt"))
        .as("nothing delivered yet")
        .isNull();
    Tenants.produce(stack, List.of(Tenants.sale(tenant, orderId)));
    tenant.awaitOrders(stack, Duration.ofSeconds(30), orderId);
    // The delivery just made shows in the admin API at once (this instance's own)
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(lastDeliveryAt(tenant.integration()))
                    .isBetween((double) before, System.currentTimeMillis() / 1000.0));

    // written back within one interval (1 s in tests), at the time of the delivery
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack
                        .database()
                        .count(
                            "SELECT count(*) FROM delivery_heartbeats WHERE integration_id = ?",
                            tenant.integration())
                    == 1);
    long written =
        stack
            .database()
            .count(
                "SELECT floor(extract(epoch FROM delivered_at)) FROM delivery_heartbeats"
                    + " WHERE integration_id = ?",
                tenant.integration());
    assertThat(written).isBetween(before, System.currentTimeMillis() / 1000);
  }

  @Test
  void aRejectedEventIsCountedWithItsSource() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "rejected-source", null, null);
    Map<String, String> labels =
        Map.of("outcome", "rejected", "reason", "invalid-data", "source", "billing/test");
    double before = MetricsScrape.sum(INGESTED, labels);
    String id = "bad-data-" + UUID.randomUUID();
    // envelope fine (source billing/test), data breaks the schema: no email, no items
    Tenants.produce(
        stack,
        List.of(
            Tenants.record(
                id,
                Events.envelope(
                    id,
                    "sale.completed",
                    tenant.integration(),
                    "2026-11-22T08:00:00Z",
                    Events.of(Map.of("saleId", "S-1"))))));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(MetricsScrape.sum(INGESTED, labels)).isEqualTo(before + 1));
  }

  @Test
  void tenThousandSourcesAddABoundedNumberOfSeries() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "many-sources", 5000, 300000);
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String source =
          switch (i % 10) {
            case 0 -> "<script>alert(" + i + ")</script>";
            case 1 -> "billing \uD83D\uDE00 " + i;
            case 2 -> "ctl\u0007\u001b[31m" + i;
            case 3 -> "https://long.example/" + "x".repeat(400) + i;
            default -> "https://producer-" + run + "-" + i + ".example/events";
          };
      String saleId = "SRC-" + run + "-" + i;
      var envelope =
          Events.envelope(
              "evt-" + saleId,
              "sale.completed",
              tenant.integration(),
              "2026-11-22T08:00:00Z",
              Events.sale(saleId, "src" + i + "@example.com", "USD", "1.00", 1));
      envelope.put("source", source);
      records.add(Tenants.record(saleId, envelope));
    }
    // Sources that are not URI-references (markup, spaces, control characters) are refused by the
    // contract (decision 0031), the rest accepted: every record is counted either way.
    double before = MetricsScrape.sum(INGESTED, Map.of());

    Tenants.produce(stack, records);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(MetricsScrape.sum(INGESTED, Map.of()))
                    .isGreaterThanOrEqualTo(before + 10_000));
    String text = MetricsScrape.scrape();
    Set<String> counted = sourceLabels(text, INGESTED);
    Set<String> timed = sourceLabels(text, LAST_EVENT);
    // 2 declared, at most 100 learned (convgate.metrics.learned-sources), "other", "unknown"
    assertThat(counted).hasSizeLessThanOrEqualTo(104).contains("other");
    assertThat(timed).hasSizeLessThanOrEqualTo(102).doesNotContain("other");
    assertThat(MetricsScrape.sum(text, INGESTED, Map.of("source", "other")))
        .isGreaterThanOrEqualTo(10_000 - 100);
    assertThat(text)
        .doesNotContain("<script>")
        .doesNotContain("\uD83D\uDE00")
        .doesNotContain("\u0007")
        .doesNotContain("x".repeat(400));
  }

  private static Set<String> sourceLabels(String text, String metric) {
    Set<String> values = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(metric + "{")) {
        Matcher m = SOURCE.matcher(line);
        if (m.find()) {
          values.add(m.group(1));
        }
      }
    }
    return values;
  }

  /** The integration's {@code lastDeliveryAt} in the admin API, in unix seconds; NaN if none. */
  private static double lastDeliveryAt(String id) {
    String at =
        Admin.inTest(TestStack.ADMIN_KEY)
            .get("/api/v1/integrations/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("lastDeliveryAt");
    return at == null ? Double.NaN : java.time.Instant.parse(at).getEpochSecond();
  }

  /** A delivery of the integration 3 hours ago, by an earlier process: the ledger remembers it. */
  private static void deliveredThreeHoursAgo(TestStack stack, String id) {
    stack
        .database()
        .execute(
            "INSERT INTO delivery_ledger (integration_id, idempotency_key, event_id, event_type,"
                + " state, created_at, updated_at, delivered_at) VALUES ('"
                + id
                + "', 'sale-1', 'evt-1', 'sale.completed', 'DELIVERED', now() - interval '3 hours',"
                + " now() - interval '3 hours', now() - interval '3 hours')");
  }
}
