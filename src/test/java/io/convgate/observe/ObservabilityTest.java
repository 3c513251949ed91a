package io.convgate.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Scrapes /q/metrics during an end-to-end run (deliveries, a rejected record, a refused request, a
 * retry, a revoked key) and finds lag, deliveries, dead letters and rate-limiter figures with the
 * right labels; then checks that every metric the dashboard and the alert rules use exists.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ObservabilityTest {

  private static final Pattern METRIC = Pattern.compile("convgate_[a-z_]+");

  @Test
  void metricsAndHealthTellWhatHappened() throws IOException {
    TestStack stack = TestStack.shared();
    Tenant ok = Tenants.create(stack, "observed", null, null);
    Tenant revoked = Tenants.create(stack, "observed-revoked", null, null);
    Tenant flaky = Tenants.create(stack, "observed-flaky", null, null);
    stack.sandbox().revokeKey(revoked.apiKey());
    stack.sandbox().inject(Fault.times(flaky.apiKey(), 503, 1));
    String run = UUID.randomUUID().toString().substring(0, 6);
    // A sync job, so that the sync's series (dashboard, alerts) exist.
    io.convgate.testkit.Admin.inTest(TestStack.ADMIN_KEY)
        .put("/api/v1/sync/jobs/" + ok.integration() + "/leads", Map.of("interval", "PT1H"))
        .then()
        .statusCode(200);

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(Tenants.sale(ok, "OBS-" + run + "-" + i));
    }
    records.add(Tenants.sale(revoked, "OBS-R-" + run));
    records.add(Tenants.sale(flaky, "OBS-F-" + run));
    records.add(
        Tenants.record(
            "bad-" + run,
            Events.envelope(
                "bad-" + run,
                "sale.completed",
                ok.integration(),
                "not a time",
                Events.lead("x@example.com"))));
    String refusedId = "refused-" + run;
    records.add(
        Tenants.record(
            refusedId,
            Events.envelope(
                refusedId,
                "lead.upserted",
                ok.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("someone@localhost"))));
    records.add(
        new ProducerRecord<>(
            "crm.events",
            "junk".getBytes(StandardCharsets.UTF_8),
            "not json".getBytes(StandardCharsets.UTF_8)));
    Tenants.produce(stack, records);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ok.received(stack).size() >= 20 && flaky.received(stack).size() >= 1);
    // Gauges refresh on timers (the rate-limiter, held and parked ones every 5 s; the lag every
    // second in tests, StackResource, once the offsets are committed): wait until the lag of both
    // groups is back to 0, and until the gauges checked below were refreshed after what they
    // count: the revoked integration's park (its parked gauge is there) and the 21 calls of the
    // first integration (its tokens left this minute are down by them).
    String okTokens =
        "convgate_ratelimit_available_tokens{integration=\"" + ok.integration() + "\"";
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String text = MetricsScrape.scrape();
              return text.contains("convgate_consumer_lag{group=\"convgate-delivery\"")
                  && text.contains("convgate_consumer_lag{group=\"convgate-ingest\"")
                  && MetricsScrape.sum(text, "convgate_consumer_lag", Map.of()) == 0
                  && text.contains(
                      "convgate_integration_held{integration=\"" + revoked.integration() + "\"")
                  && text.contains(
                      "convgate_parked_deliveries{integration=\"" + revoked.integration() + "\"")
                  && text.contains(okTokens)
                  && MetricsScrape.sum(
                          text,
                          "convgate_ratelimit_available_tokens",
                          Map.of("integration", ok.integration(), "window", "60s"))
                      <= 979
                  && text.contains("convgate_sync_last_success_timestamp_seconds{")
                  // The cursor's age is a gauge of its own, read after the job's first run: it
                  // was there before only when an earlier class had left a sync job behind.
                  && text.contains(
                      "convgate_sync_cursor_age_seconds{integration=\"" + ok.integration() + "\"");
            });
    String text = MetricsScrape.scrape();

    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_consumer_lag",
                Map.of("group", "convgate-delivery", "topic", "convgate.deliveries")))
        .isZero();
    assertThat(text)
        .containsPattern(
            "convgate_consumer_lag\\{group=\"convgate-ingest\",partition=\"\\d+\",topic=\"billing.events\"}");
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_deliveries_total",
                Map.of(
                    "integration",
                    ok.integration(),
                    "type",
                    "sale.completed",
                    "outcome",
                    "delivered")))
        .isEqualTo(20);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_deliveries_total",
                Map.of("integration", ok.integration(), "outcome", "dead_lettered")))
        .isEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_dead_letters_total",
                Map.of("stage", "delivery", "reason", "hyros-rejected")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_dead_letters_total",
                Map.of("stage", "ingest", "reason", "not-json")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_ingest_events_total",
                Map.of("outcome", "rejected", "reason", "invalid-envelope")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_ratelimit_limit",
                Map.of("integration", ok.integration(), "window", "1s")))
        .isEqualTo(30);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_ratelimit_limit",
                Map.of("integration", ok.integration(), "window", "60s")))
        .isEqualTo(1000);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_ratelimit_available_tokens",
                Map.of("integration", ok.integration(), "window", "60s")))
        .as("tokens left this minute after 21 calls")
        .isBetween(0.0, 979.0);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_ratelimit_wait_seconds_count",
                Map.of("integration", ok.integration())))
        .isGreaterThanOrEqualTo(21);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_destination_requests_total",
                Map.of("integration", ok.integration(), "status", "200")))
        .isEqualTo(20);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_delivery_retries_total",
                Map.of("integration", flaky.integration())))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text, "convgate_auth_failures_total", Map.of("integration", revoked.integration())))
        .isEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_integration_held",
                Map.of("integration", revoked.integration(), "reason", "auth-failed")))
        .isEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text, "convgate_parked_deliveries", Map.of("integration", revoked.integration())))
        .isEqualTo(1);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_delivery_latency_seconds_count",
                Map.of("integration", ok.integration())))
        .isEqualTo(20);
    assertThat(
            MetricsScrape.sum(
                text,
                "convgate_last_delivery_timestamp_seconds",
                Map.of("integration", ok.integration())))
        .isGreaterThan(System.currentTimeMillis() / 1000.0 - 120);
    assertThat(text).doesNotContain(ok.apiKey()).doesNotContain(revoked.apiKey());

    Set<String> used = new TreeSet<>();
    for (Path file :
        List.of(
            Path.of("deploy/grafana/convgate-dashboard.json"),
            Path.of("deploy/prometheus/alerts.yaml"))) {
      Matcher m = METRIC.matcher(Files.readString(file));
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).isNotEmpty();
    for (String name : used) {
      assertThat(text)
          .as("metric %s used by the dashboard or the alerts", name)
          .containsPattern("(?m)^" + name + "[{ ]");
    }

    given().when().get("/q/health/group/integrations").then().statusCode(200);
    String health = given().when().get("/q/health/group/integrations").then().extract().asString();
    assertThat(health)
        .contains(revoked.integration())
        .contains("auth-failed")
        .doesNotContain(revoked.apiKey());
    given().when().get("/q/health/ready").then().statusCode(200);
  }
}
