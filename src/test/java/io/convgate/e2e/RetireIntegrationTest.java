package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Retiring an integration (DELETE /api/v1/integrations/{id}, decision 0035): the call under way
 * finishes, nothing else is sent, its park and later events are dead-lettered with the reason, its
 * key is erased, and what is left is a tombstone that nothing can change or replay.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RetireIntegrationTest {

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void theCallUnderWayFinishesAndEverythingElseIsDeadLetteredNotSent() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String id = "retire-" + run;
    String key = "hyros-key-" + UUID.randomUUID();
    // Two calls a minute, the same at the sandbox and in convgate: the key check made at creation
    // (GET /user-info, decision 0028) takes the first (the pacer counts it as Hyros does), the
    // first delivery the second; a second delivery waits for its token long after the retirement.
    stack.sandbox().addKey(key, id + "@example.com", 1, 2);
    Response created =
        admin.post(
            "/api/v1/integrations",
            Map.of("id", id, "hyrosApiKey", key, "requestsPerSecond", 1, "requestsPerMinute", 2));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat(keyColumns(id)).as("the key, sealed").containsExactly(Arrays.asList(true, false));
    Tenant tenant = new Tenant(id, key);

    // Two sales parked while paused.
    assertThat(admin.post("/api/v1/integrations/" + id + "/pause", null).statusCode())
        .isEqualTo(200);
    Tenants.produce(
        stack, List.of(Tenants.sale(tenant, "P1-" + run), Tenants.sale(tenant, "P2-" + run)));
    await().atMost(Duration.ofSeconds(30)).until(() -> parked(id) == 2);

    // Resumed, with Hyros answering slowly: P1 takes the token and its call is under way, P2
    // waits for the next token; a sale that arrives now is parked behind them.
    stack.sandbox().inject(Fault.latency(key, Duration.ofSeconds(6)));
    assertThat(admin.post("/api/v1/integrations/" + id + "/resume", null).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> ledger(id, "CLAIMED") == 2);
    // The key check and one of P1, P2 have reached Hyros: that call is under way.
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.sandbox().arrived(key) == 2);
    Tenants.produce(stack, List.of(Tenants.sale(tenant, "N1-" + run)));
    await().atMost(Duration.ofSeconds(30)).until(() -> ledger(id, "PARKED") == 1);

    Response retired = admin.delete("/api/v1/integrations/" + id);

    assertThat(retired.statusCode()).as(retired.asString()).isEqualTo(200);
    assertThat((String) retired.path("status")).isEqualTo("RETIRED");
    assertThat((String) retired.path("retiredAt")).isNotBlank();
    assertThat((String) retired.path("retiredBy")).startsWith("cgw_testadmin0");
    assertThat(keyColumns(id))
        .as("both key columns erased")
        .containsExactly(Arrays.asList(true, true));

    String underWay;
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      // An event that names it afterwards is refused at ingest, field by field. Checked first, as
      // the ingest stage does not wait for the call under way: the two waits overlap.
      Tenants.produce(stack, List.of(Tenants.sale(tenant, "A1-" + run)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> retiredLetters(reader, id, "ingest").size() == 1);
      ConsumerRecord<byte[], byte[]> late = retiredLetters(reader, id, "ingest").get(0);
      assertThat(header(late, "convgate-event-id")).isEqualTo("evt-A1-" + run);
      assertThat(header(late, "convgate-field-errors"))
          .contains("/integration")
          .contains("retired on " + retired.path("retiredAt"));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> retiredLetters(reader, id, "delivery").size() == 2);
      List<ConsumerRecord<byte[], byte[]>> letters = retiredLetters(reader, id, "delivery");
      // P1 and P2 were parked from different partitions, so either may have been released first
      // and taken the one token: the other and N1 are dead-lettered unsent.
      List<String> letterIds = letters.stream().map(r -> header(r, "convgate-event-id")).toList();
      assertThat(letterIds)
          .contains("evt-N1-" + run)
          .containsAnyOf("evt-P1-" + run, "evt-P2-" + run);
      underWay = letterIds.contains("evt-P1-" + run) ? "P2-" + run : "P1-" + run;
      assertThat(letterIds)
          .containsExactlyInAnyOrder("evt-" + otherOf(underWay, run), "evt-N1-" + run);
      assertThat(letters)
          .allSatisfy(
              r -> {
                assertThat(header(r, "dead-letter-reason"))
                    .contains("integration '" + id + "' was retired on");
                assertThat(header(r, "convgate-attempts")).isEqualTo("0");
              });

      // The call under way when it was retired finishes.
      tenant.awaitOrders(stack, Duration.ofSeconds(30), underWay);
      await().atMost(Duration.ofSeconds(30)).until(() -> ledger(id, "DELIVERED") == 1);
      assertThat(ledger(id, "DEAD_LETTERED")).isEqualTo(2);
      assertThat(parked(id)).isZero();
    }
    stack.sandbox().clearFaults();
    assertThat(tenant.received(stack))
        .as("what reached Hyros: only the call under way")
        .extracting(AcceptedRequest::orderId)
        .containsExactly(underWay);

    List<Map<String, Object>> audit =
        admin
            .request()
            .queryParam("target", "integration " + id)
            .get("/api/v1/audit")
            .path("items");
    assertThat(audit)
        .filteredOn(row -> "integration.retire".equals(row.get("action")))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("outcome")).isEqualTo("ok");
              assertThat(String.valueOf(row.get("actor"))).startsWith("cgw_testadmin0");
            });
  }

  @Test
  void aRetiredIntegrationIsATombstoneThatCannotBeChangedReusedOrReplayed() {
    Tenant tenant = Tenants.create(stack, "tomb", null, null);
    String id = tenant.integration();
    String path = "/api/v1/integrations/" + id;
    assertThat(admin.delete("/api/v1/integrations/no-such-" + id).statusCode()).isEqualTo(404);

    assertThat(admin.post(path + "/pause", null).statusCode()).isEqualTo(200);
    Tenants.produce(stack, List.of(Tenants.sale(tenant, "T-" + id)));
    await().atMost(Duration.ofSeconds(30)).until(() -> parked(id) == 1);

    assertThat(admin.delete(path).statusCode()).isEqualTo(200);

    // Its parked sale is dead-lettered, and indexed for operators.
    String letters = "/api/v1/dead-letters?integration=" + id;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(letters).<List<Object>>path("items").size() == 1);
    assertThat(admin.get(letters).<List<String>>path("items.reasonCode"))
        .containsExactly("integration-retired");
    assertThat(parked(id)).isZero();
    Integer letter = admin.get(letters).path("items[0].id");

    // Its dead letters cannot be replayed: by id, by its filter, nor as a dry run.
    for (Object body :
        List.of(
            Map.of("ids", List.of(letter)),
            Map.of("filter", Map.of("integration", id)),
            Map.of("ids", List.of(letter), "dryRun", true))) {
      Response replay = admin.post("/api/v1/replays", body);
      assertThat(replay.statusCode()).as("replay %s", body).isEqualTo(409);
      assertThat((String) replay.path("message"))
          .contains("integration '" + id + "' was retired on")
          .contains("cannot be replayed");
    }
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM dead_letters WHERE integration_id = ? AND state = 'OPEN'",
                    id))
        .isEqualTo(1);

    // Nothing can change it or take its id.
    assertThat(admin.patch(path, Map.of("name", "again")).statusCode()).isEqualTo(409);
    assertThat(admin.post(path + "/resume", null).statusCode()).isEqualTo(409);
    assertThat(admin.put(path + "/key", Map.of("hyrosApiKey", "hyros-key-new")).statusCode())
        .isEqualTo(409);
    Response again = admin.delete(path);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat((String) again.path("message")).contains("was retired on");
    assertThat(
            admin
                .post("/api/v1/integrations", Map.of("id", id, "hyrosApiKey", "hyros-key-new"))
                .statusCode())
        .isEqualTo(409);
    assertThat(
            admin
                .post("/api/v1/integrations/connect-links", Map.of("integrationId", id))
                .statusCode())
        .isEqualTo(409);
    assertThat(keyColumns(id)).containsExactly(Arrays.asList(true, true));

    // It is shown as RETIRED, and listed only when asked for.
    assertThat((String) admin.get(path).path("status")).isEqualTo("RETIRED");
    assertThat(admin.get("/api/v1/integrations").<List<String>>path("items.id")).doesNotContain(id);
    assertThat(admin.get("/api/v1/integrations?include=retired").<List<String>>path("items.id"))
        .contains(id);
    assertThat(admin.get("/api/v1/integrations?include=everything").statusCode()).isEqualTo(400);

    // HTTP ingestion refuses an event that names it, with the field and the reason.
    Response event =
        admin
            .request()
            .contentType("application/cloudevents+json")
            .body(new String(Tenants.sale(tenant, "H-" + id).value()))
            .post("/api/v1/events");
    assertThat(event.statusCode()).as(event.asString()).isEqualTo(400);
    assertThat(event.<List<String>>path("fieldErrors.pointer")).containsExactly("/integration");
    assertThat(event.<List<String>>path("fieldErrors.message").get(0)).startsWith("retired on ");
  }

  private List<ConsumerRecord<byte[], byte[]>> retiredLetters(
      DeadLetterReader reader, String id, String stage) {
    return reader.matching(
        r ->
            id.equals(header(r, "convgate-integration"))
                && "integration-retired".equals(header(r, "convgate-reason-code"))
                && stage.equals(header(r, "convgate-stage")));
  }

  /** Whether each key column is empty: [clear key is null, sealed key is null]. */
  private List<List<Object>> keyColumns(String id) {
    return stack
        .database()
        .rows(
            "SELECT hyros_api_key IS NULL, hyros_key_sealed IS NULL FROM integrations WHERE id = ?",
            id);
  }

  private static String otherOf(String parked, String run) {
    return parked.equals("P1-" + run) ? "P2-" + run : "P1-" + run;
  }

  private long parked(String id) {
    return stack.database().parked(id);
  }

  private long ledger(String id, String state) {
    return stack
        .database()
        .count(
            "SELECT count(*) FROM delivery_ledger WHERE integration_id = ? AND state = ?",
            id,
            state);
  }
}
