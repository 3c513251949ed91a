package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Routes (decision 0053): a lead that names no integration goes to both integrations a route names,
 * once each, and a second copy to neither; without a route it is dead-lettered {@code no-route}; a
 * paused target does not hold back the other; route changes apply without a restart, made here or
 * by another instance (the version poll), and are audited.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RoutesTest {

  /** convgate.routes.poll-interval (2 s) plus a reload and a unit, with room to spare. */
  private static final Duration ROUTING_DELAY = Duration.ofSeconds(15);

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aRoutedLeadReachesEachTargetOnceAndAPausedTargetHoldsBackNoOther() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/routes-" + run;
    String first = "routes-a-" + run;
    String second = "routes-b-" + run;
    String firstKey = integration(first);
    String secondKey = integration(second);

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      // No attribute, no route yet: dead-lettered, the field and the reason named.
      String unrouted = "unrouted-" + run + "@example.com";
      publish(lead("evt-0-" + run, source, unrouted));
      ConsumerRecord<byte[], byte[]> letter = reader.only(unrouted, Duration.ofSeconds(30));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("no-route");
      assertThat(header(letter, "convgate-field-errors"))
          .contains("/integration")
          .contains("no route matches source=" + source + ", type=lead.upserted");

      // A route made through the API, no restart: both accounts get the lead, once.
      Response created =
          admin.post(
              "/api/v1/routes",
              Map.of(
                  "id",
                  "leads-" + run,
                  "source",
                  source,
                  "types",
                  List.of("lead.upserted"),
                  "targets",
                  List.of(first, second)));
      assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
      assertThat(created.<List<String>>path("targets")).containsExactly(first, second);
      assertThat(
              stack
                  .database()
                  .count(
                      "SELECT count(*) FROM audit_log WHERE action = 'route.create'"
                          + " AND target = ? AND outcome = 'ok'",
                      "route leads-" + run))
          .isEqualTo(1);

      double routedBefore = routed("delivered-to");
      double skippedBefore =
          MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"));
      String email = "routed-" + run + "@example.com";
      ProducerRecord<byte[], byte[]> lead = lead("evt-1-" + run, source, email);
      publish(lead);
      await()
          .atMost(ROUTING_DELAY)
          .until(() -> calls(firstKey, email) == 1 && calls(secondKey, email) == 1);
      assertThat(routed("delivered-to") - routedBefore).isEqualTo(2);

      // The very same record again: each integration's ledger has it, nothing is sent.
      publish(lead);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"))
                          - skippedBefore
                      >= 2);
      assertThat(calls(firstKey, email)).isEqualTo(1);
      assertThat(calls(secondKey, email)).isEqualTo(1);

      // One target paused: its copy is parked, the other's is delivered meanwhile.
      assertThat(admin.post("/api/v1/integrations/" + second + "/pause", null).statusCode())
          .isEqualTo(200);
      String held = "held-" + run + "@example.com";
      publish(lead("evt-2-" + run, source, held));
      await().atMost(Duration.ofSeconds(30)).until(() -> calls(firstKey, held) == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> stack.database().parked(second) == 1);
      assertThat(calls(secondKey, held)).isZero();
      assertThat(admin.post("/api/v1/integrations/" + second + "/resume", null).statusCode())
          .isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> calls(secondKey, held) == 1);

      // Disabled by another instance (straight in the database, with the version bumped as every
      // change does): this one follows within its poll interval, and routes nothing more.
      stack
          .database()
          .execute(
              "UPDATE routes SET enabled = false WHERE id = 'leads-"
                  + run
                  + "'; UPDATE routes_version SET version = version + 1");
      String late = "late-" + run + "@example.com";
      await()
          .atMost(ROUTING_DELAY)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                // A new event each poll: those read before the change was seen are still routed.
                publish(lead("evt-3-" + run + "-" + UUID.randomUUID(), source, late));
                return !reader.matching(r -> late.equals(DeadLetterReader.key(r))).isEmpty();
              });
      assertThat(reader.matching(r -> late.equals(DeadLetterReader.key(r))))
          .allSatisfy(r -> assertThat(header(r, "convgate-reason-code")).isEqualTo("no-route"));
    }
  }

  @Test
  void aReplayOfOneTargetsDeadLetterSendsToItAloneTheOthersLedgerSkipsIt() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/replay-" + run;
    String first = "replay-a-" + run;
    String second = "replay-b-" + run;
    String firstKey = integration(first);
    String secondKey = integration(second);
    Response created =
        admin.post(
            "/api/v1/routes",
            Map.of("id", "replay-" + run, "source", source, "targets", List.of(first, second)));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    stack.sandbox().inject(Fault.times(secondKey, 400, 1));

    String email = "replayed-" + run + "@example.com";
    publish(lead("evt-r-" + run, source, email));
    await().atMost(ROUTING_DELAY).until(() -> calls(firstKey, email) == 1);
    String letters = "/api/v1/dead-letters?integration=" + second;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(letters).<List<Object>>path("items").size() == 1);
    assertThat(admin.get(letters).<List<String>>path("items.reasonCode"))
        .containsExactly("hyros-rejected");
    long letter = admin.get(letters).<Number>path("items[0].id").longValue();

    double skippedBefore =
        MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"));
    Response started = admin.post("/api/v1/replays", Map.of("ids", List.of(letter)));
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    String job = started.path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !"RUNNING".equals(admin.get("/api/v1/replays/" + job).path("state")));
    Response finished = admin.get("/api/v1/replays/" + job);
    assertThat((String) finished.path("state")).as(finished.asString()).isEqualTo("SUCCEEDED");
    assertThat((Integer) finished.path("delivered")).isEqualTo(1);
    assertThat(calls(secondKey, email)).isEqualTo(1);
    // Sent again through the input topic, the event went to both targets: the first's ledger has
    // it, so its copy is skipped, not sent twice.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"))
                        - skippedBefore
                    >= 1);
    assertThat(calls(firstKey, email)).isEqualTo(1);
  }

  @Test
  void aRetiredTargetIsSkippedAndCountedTheOthersStillGetTheEvent() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/skip-" + run;
    String live = "skip-live-" + run;
    String gone = "skip-gone-" + run;
    String liveKey = integration(live);
    integration(gone);
    Response both =
        admin.post(
            "/api/v1/routes",
            Map.of(
                "id",
                "skip-both-" + run,
                "source",
                source,
                "types",
                List.of("lead.upserted"),
                "targets",
                List.of(gone, live)));
    assertThat(both.statusCode()).as(both.asString()).isEqualTo(201);
    Response goneOnly =
        admin.post(
            "/api/v1/routes",
            Map.of(
                "id",
                "skip-gone-" + run,
                "source",
                source,
                "field",
                "/firstName",
                "value",
                "Ada",
                "targets",
                List.of(gone)));
    assertThat(goneOnly.statusCode()).as(goneOnly.asString()).isEqualTo(201);
    assertThat(admin.delete("/api/v1/integrations/" + gone).statusCode()).isEqualTo(200);

    double skippedBefore = skipped("integration-retired");
    String email = "skipped-" + run + "@example.com";
    publish(lead("evt-s-" + run, source, email));
    await().atMost(ROUTING_DELAY).until(() -> calls(liveKey, email) == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> skipped("integration-retired") - skippedBefore == 1);

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      assertThat(reader.matching(r -> email.equals(DeadLetterReader.key(r))))
          .as("a skipped target dead-letters nothing while another got the event")
          .isEmpty();
      // A lead only the retired target's route takes: nowhere to go, so dead-lettered.
      ObjectNode data = Events.lead("ada-" + run + "@example.com");
      data.put("firstName", "Ada");
      // A different source keeps the first route out: only the retired target's route takes it.
      Response adaRoute =
          admin.patch("/api/v1/routes/skip-gone-" + run, Map.of("source", "crm/ada-" + run));
      assertThat(adaRoute.statusCode()).as(adaRoute.asString()).isEqualTo(200);
      ObjectNode envelope =
          Events.envelope("evt-ada-" + run, "lead.upserted", null, "2026-11-20T10:00:00Z", data);
      envelope.remove("integration");
      envelope.put("source", "crm/ada-" + run);
      String adaKey = "ada-" + run;
      publish(
          new ProducerRecord<>(
              "crm.events",
              adaKey.getBytes(StandardCharsets.UTF_8),
              envelope.toString().getBytes(StandardCharsets.UTF_8)));
      ConsumerRecord<byte[], byte[]> letter = reader.only(adaKey, Duration.ofSeconds(30));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("no-route");
      assertThat(header(letter, "convgate-field-errors"))
          .contains("/integration")
          .contains(gone + ": integration-retired");
    }
  }

  private static double skipped(String reason) {
    return MetricsScrape.sum(
        "convgate_routed_total", Map.of("outcome", "skipped", "reason", reason));
  }

  /** Creates an integration through the API and returns its Hyros key. */
  private String integration(String id) {
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, id + "@example.com");
    Response created = admin.post("/api/v1/integrations", Map.of("id", id, "hyrosApiKey", key));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return key;
  }

  private static ProducerRecord<byte[], byte[]> lead(String eventId, String source, String email) {
    ObjectNode envelope =
        Events.envelope(eventId, "lead.upserted", null, "2026-11-20T10:00:00Z", Events.lead(email));
    envelope.remove("integration");
    envelope.put("source", source);
    return new ProducerRecord<>(
        "crm.events",
        email.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void publish(ProducerRecord<byte[], byte[]> record) {
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      producer.send(record);
      producer.flush();
    }
  }

  private long calls(String apiKey, String email) {
    List<AcceptedRequest> calls = stack.sandbox().deliveries(List.of(apiKey));
    return calls.stream()
        .filter(c -> c.method().equals("POST") && email.equals(c.body().path("email").asText()))
        .count();
  }

  private static double routed(String outcome) {
    return MetricsScrape.sum("convgate_routed_total", Map.of("outcome", outcome));
  }
}
