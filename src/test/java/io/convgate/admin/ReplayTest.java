package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Replay end to end: Hyros refuses 500 sales (400), they are dead-lettered and indexed; Hyros then
 * accepts them; a replay by filter delivers each exactly once, at the integration's pace, with
 * progress to follow; a second replay sends nothing; both are audited.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ReplayTest {

  private static final int EVENTS = 500;

  @Test
  void aReplayByFilterDeliversEachDeadLetterOnceAndASecondReplaySendsNothing() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    // 100 per second: the refusals and the replay take about 5 s each, long enough to watch the
    // replay progress (polled every 200 ms).
    Tenants.Tenant tenant = Tenants.create(stack, "replay", 100, 6000);
    stack.sandbox().inject(Fault.status(tenant.apiKey(), 400, Duration.ofMinutes(10)));
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      records.add(Tenants.sale(tenant, "RP-" + run + "-" + i));
    }
    Tenants.produce(stack, records);

    String list = "/api/v1/dead-letters?limit=1000&integration=" + tenant.integration();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> admin.get(list).<List<Object>>path("items").size() == EVENTS);
    Response letters = admin.get(list);
    assertThat(letters.<List<String>>path("items.reasonCode")).containsOnly("hyros-rejected");
    assertThat(letters.<List<Integer>>path("items.httpStatus")).containsOnly(400);
    assertThat(tenant.received(stack)).isEmpty();
    stack.sandbox().clearFaults();

    Map<String, Object> byFilter = Map.of("filter", Map.of("integration", tenant.integration()));
    Response plan =
        admin.post(
            "/api/v1/replays",
            Map.of("filter", Map.of("integration", tenant.integration()), "dryRun", true));
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat((Integer) plan.path("wouldSend")).isEqualTo(EVENTS);
    assertThat((Integer) plan.path("alreadyDelivered")).isZero();
    assertThat(tenant.received(stack)).as("a dry run sends nothing").isEmpty();

    Response started = admin.post("/api/v1/replays", byFilter);
    assertThat(started.statusCode()).isEqualTo(202);
    String job = started.path("id");
    assertThat((Integer) started.path("total")).isEqualTo(EVENTS);

    List<Integer> progress = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Response now = admin.get("/api/v1/replays/" + job);
              progress.add(now.path("delivered"));
              return !"RUNNING".equals(now.path("state"));
            });
    Response finished = admin.get("/api/v1/replays/" + job);
    assertThat((String) finished.path("state")).isEqualTo("SUCCEEDED");
    assertThat((Integer) finished.path("delivered")).isEqualTo(EVENTS);
    assertThat((Integer) finished.path("failed")).isZero();
    assertThat(progress)
        .as("the job's progress, polled while it ran")
        .anyMatch(delivered -> delivered > 0 && delivered < EVENTS);

    List<java.time.Instant> arrivals =
        tenant.received(stack).stream().map(AcceptedRequest::receivedAt).toList();
    assertThat(io.convgate.testkit.Windows.densest(arrivals, Duration.ofSeconds(1)))
        .as("the replay kept the integration's limit of 100 per second")
        .isLessThanOrEqualTo(100);
    assertThat(stack.sandbox().tooManyRequests(tenant.apiKey())).isZero();
    Map<String, Long> perOrder = perOrder(tenant.received(stack));
    assertThat(perOrder).hasSize(EVENTS);
    assertThat(perOrder.values()).containsOnly(1L);
    assertThat(admin.get(list + "&state=REPLAYED").<List<Object>>path("items")).hasSize(EVENTS);

    // Again, by filter: nothing is open any more, so nothing is sent.
    Response second = admin.post("/api/v1/replays", byFilter);
    assertThat((Integer) second.path("total")).isZero();
    // Again, naming the replayed ones: the ledger says they were delivered, so they are skipped.
    Response third =
        admin.post(
            "/api/v1/replays",
            Map.of("filter", Map.of("integration", tenant.integration(), "state", "REPLAYED")));
    String thirdJob = third.path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !"RUNNING".equals(admin.get("/api/v1/replays/" + thirdJob).path("state")));
    Response skipped = admin.get("/api/v1/replays/" + thirdJob);
    assertThat((Integer) skipped.path("skipped")).isEqualTo(EVENTS);
    assertThat((Integer) skipped.path("republished")).isZero();
    assertThat(tenant.received(stack)).hasSize(EVENTS);

    List<Map<String, Object>> audit =
        admin
            .request()
            .queryParam("limit", 1000)
            .queryParam("target", "replay " + job)
            .get("/api/v1/audit")
            .path("items");
    assertThat(audit)
        .extracting(row -> row.get("action") + " " + row.get("outcome"))
        .contains("dead-letters.replay started", "dead-letters.replay SUCCEEDED");
    assertThat(audit)
        .allMatch(row -> String.valueOf(row.get("actor")).startsWith("cgw_testadmin0"));
  }

  private static Map<String, Long> perOrder(List<AcceptedRequest> received) {
    Function<AcceptedRequest, String> orderId = r -> r.body().path("orderId").asText();
    return received.stream().collect(Collectors.groupingBy(orderId, Collectors.counting()));
  }
}
