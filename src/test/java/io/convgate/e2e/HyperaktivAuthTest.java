package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.HyperaktivTenants;
import io.convgate.testkit.HyperaktivTenants.HyperaktivTenant;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.hyperaktiv.ReceivedLead;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hyperaktiv refusing a workspace key (401) holds that integration alone, {@code AUTH_FAILED}, its
 * deliveries parked, while another Hyperaktiv integration and a Hyros one keep delivering; once the
 * key is replaced through the API the parked leads go out once each. A 429 with {@code Retry-After}
 * slows an integration down without losing, doubling or dead-lettering a lead.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class HyperaktivAuthTest {

  private static final int LEADS = 20;

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aRevokedWorkspaceKeyHoldsOnlyItsIntegrationUntilTheKeyIsReplaced() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/hk-auth-" + run;
    HyperaktivTenant revoked = HyperaktivTenants.hyperaktiv(stack, admin, "hk-revoked", 10, 600);
    HyperaktivTenant other = HyperaktivTenants.hyperaktiv(stack, admin, "hk-other", 10, 600);
    Tenant hyros = HyperaktivTenants.hyros(stack, admin, "hk-auth-hyros", null, null);
    HyperaktivTenants.route(
        admin,
        "hk-auth-" + run,
        source,
        List.of("lead.upserted"),
        List.of(revoked.integration(), other.integration(), hyros.integration()));
    // The user regenerates the key in Hyperaktiv: the old one is refused from now on.
    stack.hyperaktiv().revokeWorkspace(revoked.workspaceKey());

    Tenants.produce(stack, leads(run, source, "a", LEADS));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                other.received(stack).size() == LEADS
                    && hyros.received(stack).size() == LEADS
                    && stack.database().parked(revoked.integration()) == LEADS);
    String path = "/api/v1/integrations/" + revoked.integration();
    assertThat((String) admin.get(path).path("status")).isEqualTo("AUTH_FAILED");
    assertThat((String) admin.get("/api/v1/integrations/" + other.integration()).path("status"))
        .isEqualTo("ACTIVE");
    assertThat(revoked.received(stack)).isEmpty();
    assertThat(stack.hyperaktiv().answered(401)).isPositive();

    // The new key, given through the API (Hyperaktiv has no key check: taken unproven, the
    // first parked lead proves it).
    String newKey = "hk-workspace-" + UUID.randomUUID();
    stack.hyperaktiv().addWorkspace(newKey, revoked.ref());
    Response replaced = admin.put(path + "/key", Map.of("apiKey", newKey));
    assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
    assertThat(replaced.asString()).doesNotContain(newKey).doesNotContain(revoked.workspaceKey());
    assertThat((String) replaced.path("status")).isEqualTo("ACTIVE");

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> stack.hyperaktiv().leads(newKey, revoked.ref()).size() >= LEADS);
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(revoked.integration(), other.integration(), hyros.integration());
    assertOnce(stack.hyperaktiv().leads(newKey, revoked.ref()), LEADS);
    assertOnce(other.received(stack), LEADS);
    assertThat(stack.database().parked(revoked.integration())).isZero();
    assertThat((String) admin.get(path).path("status")).isEqualTo("ACTIVE");
    assertThat(admin.get(path).asString()).doesNotContain(newKey);
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      assertThat(
              reader.matching(r -> revoked.integration().equals(header(r, "convgate-integration"))))
          .isEmpty();
    }
  }

  @Test
  void tooManyRequestsWithRetryAfterSlowsDownButLosesNothing() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/hk-429-" + run;
    // convgate is allowed more than the sandbox takes: the sandbox answers 429 + Retry-After.
    HyperaktivTenant busy = HyperaktivTenants.hyperaktiv(stack, admin, "hk-busy", 20, 1200);
    HyperaktivTenants.route(
        admin, "hk-429-" + run, source, List.of("lead.upserted"), List.of(busy.integration()));
    long refusedBefore = stack.hyperaktiv().answered(429);
    stack.hyperaktiv().limit(3, 1000);
    try {
      Tenants.produce(stack, leads(run, source, "b", LEADS));
      await().atMost(Duration.ofSeconds(90)).until(() -> busy.received(stack).size() >= LEADS);
    } finally {
      stack.hyperaktiv().limit(0, 0);
    }
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(busy.integration());
    assertThat(stack.hyperaktiv().answered(429) - refusedBefore).as("429s answered").isPositive();
    assertOnce(busy.received(stack), LEADS);
    assertThat(stack.database().parked(busy.integration())).isZero();
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      assertThat(reader.matching(r -> busy.integration().equals(header(r, "convgate-integration"))))
          .isEmpty();
    }
  }

  private static List<ProducerRecord<byte[], byte[]>> leads(
      String run, String source, String batch, int count) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String email = batch + "-" + run + "-" + i + "@example.com";
      records.add(
          HyperaktivTenants.unnamed(
              "evt-" + batch + "-" + run + "-" + i,
              "lead.upserted",
              source,
              email,
              Events.lead(email)));
    }
    return records;
  }

  private static void assertOnce(List<ReceivedLead> received, int expected) {
    Map<String, Long> perEmail =
        received.stream()
            .collect(Collectors.groupingBy(ReceivedLead::email, Collectors.counting()));
    assertThat(perEmail).hasSize(expected);
    assertThat(perEmail.values()).allMatch(n -> n == 1);
  }
}
