package io.convgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The sandbox holds 10,000 sales created over 120 days. A backfill of all 120 days publishes
 * exactly the sales inside Hyros' 90-day look-back, once each; a scheduled run right after
 * publishes nothing; refunds applied afterwards to 50 old sales (created 5 to 25 days ago, inside
 * the 30-day trailing re-read) appear as exactly 50 changes on the next run; and a run after that
 * publishes nothing again.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class SyncChangeStreamTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "convgate.hyros.sales";

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void backfillThenRefundsThenNothing() throws Exception {
    Tenant tenant = Tenants.create(stack, "sync", null, null);
    Instant now = Instant.now();
    List<String> ids =
        stack.sandbox().history().seedSales(tenant.apiKey(), 10_000, Duration.ofDays(120), now);

    Response started =
        admin.startBackfill(
            tenant.integration(), "sales", now.minus(Duration.ofDays(120)), now.plusSeconds(1));
    String backfillId = started.jsonPath().getString("id");
    Instant windowFrom = Instant.parse(started.jsonPath().getString("windowFrom"));
    Instant windowTo = Instant.parse(started.jsonPath().getString("windowTo"));
    assertThat(windowFrom).as("cut to the look-back").isAfter(now.minus(Duration.ofDays(90)));

    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                admin
                    .get("/api/v1/sync/backfills/" + backfillId)
                    .jsonPath()
                    .getString("state")
                    .equals("SUCCEEDED"));
    Set<String> expected =
        stack.sandbox().history().sales(tenant.apiKey(), windowFrom, windowTo).stream()
            .map(s -> s.get("id").asText())
            .collect(Collectors.toSet());
    assertThat(expected.size()).as("sales inside the look-back").isBetween(7_400, 7_600);

    try (TopicReader topic = new TopicReader(stack.bootstrapServers(), TOPIC)) {
      List<ConsumerRecord<String, byte[]>> afterBackfill = mine(topic, tenant);
      Map<String, Long> perKey = countByKey(afterBackfill);
      assertThat(perKey.keySet())
          .as("published exactly the sales inside the look-back")
          .isEqualTo(keys(tenant, expected));
      assertThat(perKey.values()).as("each once").allMatch(n -> n == 1);
      assertThat(
              admin
                  .get("/api/v1/sync/backfills/" + backfillId)
                  .jsonPath()
                  .getLong("recordsPublished"))
          .isEqualTo(expected.size());
      JsonNode one = JSON.readTree(afterBackfill.get(0).value());
      assertThat(one.get("specversion").asText()).isEqualTo("1.0");
      assertThat(one.get("type").asText()).isEqualTo("io.convgate.hyros.sale.changed");
      assertThat(afterBackfill.get(0).key())
          .isEqualTo(tenant.integration() + "/" + one.get("subject").asText());
      assertThat(one.path("data").path("id").asText()).isEqualTo(one.get("subject").asText());

      // A scheduled run with nothing new publishes nothing.
      Response job =
          admin.put(
              "/api/v1/sync/jobs/" + tenant.integration() + "/sales",
              Map.of("interval", "PT1H", "overlap", "PT10M", "trailing", "P30D"));
      assertThat(job.statusCode()).as(job.asString()).isEqualTo(200);
      assertThat(job.jsonPath().getString("interval")).isEqualTo("PT1H");
      assertThat(job.jsonPath().getString("trailing")).isEqualTo("PT720H");
      Instant first = awaitSuccessAfter(tenant, null);
      assertThat(mine(topic, tenant))
          .as("nothing new after the first run")
          .hasSize(afterBackfill.size());

      // Refunds of 50 old sales, created 5 to 25 days ago.
      List<String> old =
          ids.stream()
              .filter(id -> expected.contains(id))
              .filter(id -> created(tenant, id).isAfter(now.minus(Duration.ofDays(25))))
              .filter(id -> created(tenant, id).isBefore(now.minus(Duration.ofDays(5))))
              .limit(50)
              .toList();
      assertThat(old).hasSize(50);
      stack.sandbox().history().refundSales(tenant.apiKey(), old, "49.00");
      admin
          .post("/api/v1/sync/jobs/" + tenant.integration() + "/sales/run", null)
          .then()
          .statusCode(202);
      Instant second = awaitSuccessAfter(tenant, first);
      List<ConsumerRecord<String, byte[]>> afterRefunds = mine(topic, tenant);
      List<ConsumerRecord<String, byte[]>> changes =
          afterRefunds.subList(afterBackfill.size(), afterRefunds.size());
      assertThat(changes.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
          .as("the refunded sales, and nothing else")
          .isEqualTo(keys(tenant, new HashSet<>(old)));
      assertThat(changes).hasSize(50);
      for (ConsumerRecord<String, byte[]> change : changes) {
        assertThat(
                JSON.readTree(change.value())
                    .path("data")
                    .path("price")
                    .path("refunded")
                    .asDouble())
            .isEqualTo(49.0);
      }

      // And a run with nothing new publishes nothing.
      admin
          .post("/api/v1/sync/jobs/" + tenant.integration() + "/sales/run", null)
          .then()
          .statusCode(202);
      awaitSuccessAfter(tenant, second);
      assertThat(mine(topic, tenant)).hasSize(afterRefunds.size());
    }
  }

  private Instant created(Tenant tenant, String id) {
    return stack.sandbox().history().createdAt(tenant.apiKey(), id);
  }

  private Instant awaitSuccessAfter(Tenant tenant, Instant previous) {
    String path = "/api/v1/sync/jobs/" + tenant.integration() + "/sales";
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              String at = admin.get(path).jsonPath().getString("job.lastSuccessAt");
              return at != null && (previous == null || Instant.parse(at).isAfter(previous));
            });
    return Instant.parse(admin.get(path).jsonPath().getString("job.lastSuccessAt"));
  }

  private static List<ConsumerRecord<String, byte[]>> mine(TopicReader topic, Tenant tenant) {
    return topic.matching(r -> r.key() != null && r.key().startsWith(tenant.integration() + "/"));
  }

  private static Map<String, Long> countByKey(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, Long> counts = new HashMap<>();
    records.forEach(r -> counts.merge(r.key(), 1L, Long::sum));
    return counts;
  }

  private static Set<String> keys(Tenant tenant, Set<String> ids) {
    return ids.stream().map(id -> tenant.integration() + "/" + id).collect(Collectors.toSet());
  }
}
