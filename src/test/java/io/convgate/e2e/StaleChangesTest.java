package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.Things;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A subscription goes ACTIVE → PAST_DUE → ACTIVE → CANCELED. An older change that comes again after
 * a newer one was delivered (re-published, re-sent as history, replayed from the dead-letter API)
 * must not overwrite the newer state at Hyros: it is counted {@code stale} and nothing is sent.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class StaleChangesTest {

  private static final String[] STATUSES = {"ACTIVE", "PAST_DUE", "ACTIVE", "CANCELED"};
  private static final String[] TIMES = {
    "2026-11-20T14:03:27+01:00",
    "2026-12-20T14:03:30+01:00",
    "2026-12-22T09:00:00+01:00",
    "2027-01-20T14:03:31+01:00"
  };

  @Test
  void aRepublishedOlderChangeIsStaleAndTheFinalStateIsTheNewest() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "stale", 100, 6000);
    String sub = "sub_repub";
    for (int i = 0; i < STATUSES.length; i++) {
      Tenants.produce(stack, List.of(change(tenant, sub, i)));
    }
    awaitStatus(stack, tenant, sub, "CANCELED", 4);
    double staleBefore = outcomes(tenant, "stale");
    double skippedBefore = outcomes(tenant, "skipped");

    // The second change again, byte for byte (a re-read, a producer re-sending).
    Tenants.produce(stack, List.of(change(tenant, sub, 1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes(tenant, "stale") - staleBefore >= 1);
    // A change Hyros never had, but older than the newest (a producer re-sending its history).
    ProducerRecord<byte[], byte[]> history =
        record(tenant, sub, "evt-history", "2026-12-21T10:00:00+01:00", "UNPAID", false);
    Tenants.produce(stack, List.of(history));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes(tenant, "stale") - staleBefore >= 2);
    // The newest change again: an identical repeat, still a plain skip.
    Tenants.produce(stack, List.of(change(tenant, sub, 3)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes(tenant, "skipped") - skippedBefore >= 1);
    // Settled: nothing claimed or parked is left, so no other call can still come.
    stack.database().awaitSettled(tenant.integration());

    assertThat(outcomes(tenant, "stale") - staleBefore).isEqualTo(2);
    assertThat(outcomes(tenant, "skipped") - skippedBefore).isEqualTo(1);
    assertThat(tenant.received(stack)).as("nothing else sent").hasSize(4);
    Things.Thing state = thing(stack, tenant, sub);
    assertThat(state.state().get("status").asText()).isEqualTo("CANCELED");
    assertThat(state.writes()).containsExactly("create", "update", "update", "update");
    assertThat(ledgerStates(stack, tenant))
        .as("the history change is recorded STALE; the four changes DELIVERED")
        .containsExactlyInAnyOrder("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "STALE");
  }

  @Test
  void aChangeReplayedFromTheDeadLetterApiAfterNewerOnesIsStale() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    Tenants.Tenant tenant = Tenants.create(stack, "stale-replay", 100, 6000);
    String sub = "sub_replay";
    Tenants.produce(stack, List.of(change(tenant, sub, 0)));
    awaitStatus(stack, tenant, sub, "ACTIVE", 1);

    // Hyros refuses the second change once: it is dead-lettered; the third and fourth go through.
    stack.sandbox().inject(Fault.times(tenant.apiKey(), 400, 1));
    Tenants.produce(stack, List.of(change(tenant, sub, 1)));
    String list = "/api/v1/dead-letters?limit=10&integration=" + tenant.integration();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(list).<List<Object>>path("items").size() == 1);
    assertThat(admin.get(list).<List<String>>path("items.eventType"))
        .containsExactly("subscription.changed");
    Tenants.produce(stack, List.of(change(tenant, sub, 2), change(tenant, sub, 3)));
    awaitStatus(stack, tenant, sub, "CANCELED", 3);
    double staleBefore = outcomes(tenant, "stale");

    Response started =
        admin.post(
            "/api/v1/replays", Map.of("filter", Map.of("integration", tenant.integration())));
    assertThat(started.statusCode()).isEqualTo(202);
    String job = started.path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !"RUNNING".equals(admin.get("/api/v1/replays/" + job).path("state")));
    Response finished = admin.get("/api/v1/replays/" + job);
    assertThat((Integer) finished.path("skipped")).as("the stale change, skipped").isEqualTo(1);
    assertThat((Integer) finished.path("delivered")).isZero();
    assertThat((Integer) finished.path("failed")).isZero();

    assertThat(outcomes(tenant, "stale") - staleBefore).isEqualTo(1);
    assertThat(tenant.received(stack)).as("nothing else sent").hasSize(3);
    Things.Thing state = thing(stack, tenant, sub);
    assertThat(state.state().get("status").asText()).isEqualTo("CANCELED");
    assertThat(ledgerStates(stack, tenant)).contains("STALE");
  }

  @Test
  void twoDifferentChangesAtTheSameTimeAreBothSentInOrder() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "stale-equal", 100, 6000);
    String sub = "sub_equal";
    double staleBefore = outcomes(tenant, "stale");
    Tenants.produce(
        stack,
        List.of(
            change(tenant, sub, 0),
            record(tenant, sub, "evt-eq-1", TIMES[1], "PAUSED", false),
            record(tenant, sub, "evt-eq-2", TIMES[1], "ACTIVE", false)));
    awaitStatus(stack, tenant, sub, "ACTIVE", 3);
    assertThat(tenant.received(stack))
        .extracting(r -> r.body().path("status").asText())
        .containsExactly("ACTIVE", "PAUSED", "ACTIVE");
    assertThat(outcomes(tenant, "stale") - staleBefore).isZero();
  }

  private static void awaitStatus(
      TestStack stack, Tenants.Tenant tenant, String sub, String status, int writes) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Things.Thing state = thing(stack, tenant, sub);
              assertThat(state.writes()).hasSize(writes);
              assertThat(state.state().get("status").asText()).isEqualTo(status);
            });
  }

  private static Things.Thing thing(TestStack stack, Tenants.Tenant tenant, String sub) {
    return stack
        .sandbox()
        .things()
        .get(tenant.apiKey(), Things.Kind.SUBSCRIPTION, sub)
        .orElseThrow(() -> new AssertionError("no subscription " + sub + " at Hyros yet"));
  }

  private static List<String> ledgerStates(TestStack stack, Tenants.Tenant tenant) {
    return stack
        .database()
        .rows("SELECT state FROM delivery_ledger WHERE integration_id = ?", tenant.integration())
        .stream()
        .map(row -> String.valueOf(row.get(0)))
        .toList();
  }

  /** The {@code i}-th change of the subscription: the start, then three changes. */
  private static ProducerRecord<byte[], byte[]> change(Tenants.Tenant tenant, String sub, int i) {
    return record(tenant, sub, "evt-" + sub + "-" + i, TIMES[i], STATUSES[i], i == 0);
  }

  private static ProducerRecord<byte[], byte[]> record(
      Tenants.Tenant tenant,
      String sub,
      String eventId,
      String time,
      String status,
      boolean started) {
    ObjectNode data =
        Events.JSON
            .createObjectNode()
            .put("subscriptionId", sub)
            .put("status", status)
            .put("price", "29.90")
            .put("currency", "EUR")
            .put("startDate", TIMES[0]);
    if (started) {
      data.put("email", sub + "@example.com").put("periodicity", "MONTH");
    }
    String type = started ? "subscription.started" : "subscription.changed";
    return Tenants.record(sub, Events.envelope(eventId, type, tenant.integration(), time, data));
  }

  private static double outcomes(Tenants.Tenant tenant, String outcome) {
    return MetricsScrape.sum(
        "convgate_deliveries_total",
        Map.of("outcome", outcome, "integration", tenant.integration()));
  }
}
