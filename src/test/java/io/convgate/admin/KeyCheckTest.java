package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Hyros key is put to Hyros ({@code GET /user-info}) when an operator gives or replaces it: a
 * refused key is caught then, not at the first delivery; the account it belongs to is shown.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class KeyCheckTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aKeyHyrosRefusesIsRefusedWhenGivenAndNothingIsStored() {
    TestStack stack = TestStack.shared();
    String integration = "refused-key-" + run();
    String wrongKey = "hyros-key-nobody-issued-" + UUID.randomUUID();

    Response created =
        admin.post("/api/v1/integrations", Map.of("id", integration, "hyrosApiKey", wrongKey));

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(422);
    assertThat((String) created.path("error")).isEqualTo("key-refused");
    assertThat((String) created.path("message")).contains("nothing was stored");
    assertThat((String) created.path("fieldErrors[0].pointer")).isEqualTo("/hyrosApiKey");
    assertThat((String) created.path("fieldErrors[0].message"))
        .contains("Hyros refused this key (HTTP 401: Api key not valid)");
    assertThat(created.asString()).doesNotContain(wrongKey);
    assertThat(
            stack.database().count("SELECT count(*) FROM integrations WHERE id = ?", integration))
        .isZero();
    assertThat(admin.get("/api/v1/integrations/" + integration).statusCode()).isEqualTo(404);
  }

  @Test
  void aConfirmedKeyShowsItsAccountAndAReplacementShowsTheNewOne() {
    TestStack stack = TestStack.shared();
    String integration = "account-" + run();
    String first = "hyros-key-" + UUID.randomUUID();
    String second = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(first, "first-owner@shop.example");
    stack.sandbox().addKey(second, "second-owner@shop.example");

    Response created =
        admin.post("/api/v1/integrations", Map.of("id", integration, "hyrosApiKey", first));

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat((String) created.path("status")).isEqualTo("ACTIVE");
    assertThat((String) created.path("account.email")).isEqualTo("first-owner@shop.example");
    assertThat((String) created.path("keyCheckedAt")).isNotBlank();

    Response replaced =
        admin.put("/api/v1/integrations/" + integration + "/key", Map.of("hyrosApiKey", second));

    assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
    assertThat((String) replaced.path("account.email")).isEqualTo("second-owner@shop.example");
    assertThat((String) admin.get("/api/v1/integrations/" + integration).path("account.email"))
        .isEqualTo("second-owner@shop.example");

    // A refused replacement changes nothing: the key in use and the account shown stay.
    List<Object> before = stored(stack, integration);
    Response refused =
        admin.put(
            "/api/v1/integrations/" + integration + "/key",
            Map.of("hyrosApiKey", "hyros-key-revoked-" + UUID.randomUUID()));
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
    assertThat((String) refused.path("message")).contains("keeps its current key");
    assertThat(stored(stack, integration)).isEqualTo(before);
    Tenants.Tenant tenant = new Tenants.Tenant(integration, second);
    Tenants.produce(stack, List.of(Tenants.sale(tenant, "KC-" + run())));
    await().atMost(Duration.ofSeconds(30)).until(() -> tenant.received(stack).size() == 1);
  }

  @Test
  void whenHyrosCannotBeAskedTheIntegrationIsHeldAndGoesActiveOnceHyrosConfirmsTheKey() {
    TestStack stack = TestStack.shared();
    String integration = "unchecked-" + run();
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, "patient-owner@shop.example");
    // Hyros answers 503 until the test has seen the sale parked; then it recovers.
    stack.sandbox().inject(Fault.status(key, 503, Duration.ofMinutes(2)));

    Response created =
        admin.post("/api/v1/integrations", Map.of("id", integration, "hyrosApiKey", key));

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat((String) created.path("status")).isEqualTo("KEY_UNCHECKED");
    assertThat((String) created.path("keyCheckProblem")).contains("Hyros answered 503");
    assertThat((Object) created.path("account")).isNull();

    // Its events wait, parked, while Hyros has not confirmed the key.
    Tenants.Tenant tenant = new Tenants.Tenant(integration, key);
    String sale = "UC-" + run();
    Tenants.produce(stack, List.of(Tenants.sale(tenant, sale)));
    await().atMost(Duration.ofSeconds(30)).until(() -> stack.database().parked(integration) == 1);
    assertThat(tenant.received(stack)).isEmpty();
    stack.sandbox().clearFaults(key);

    // Once Hyros answers, the key is confirmed, the account shown and the sale delivered.
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () -> "ACTIVE".equals(admin.get("/api/v1/integrations/" + integration).path("status")));
    Response view = admin.get("/api/v1/integrations/" + integration);
    assertThat((String) view.path("account.email")).isEqualTo("patient-owner@shop.example");
    assertThat((Object) view.path("keyCheckProblem")).isNull();
    tenant.awaitOrders(stack, Duration.ofSeconds(30), sale);
  }

  @Test
  void aHyrosThatDoesNotAnswerInTimeDoesNotHoldTheRequestUp() {
    TestStack stack = TestStack.shared();
    String integration = "slow-" + run();
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, "slow-owner@shop.example");
    // Hyros holds the key check made when the integration is created for 8 s, longer than
    // convgate waits (5 s), and answers the next check (the first recheck) at once.
    stack
        .sandbox()
        .inject(new Fault(key, 0, Duration.ofSeconds(8), false, null, new AtomicInteger(1)));

    long started = System.nanoTime();
    Response created =
        admin.post("/api/v1/integrations", Map.of("id", integration, "hyrosApiKey", key));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat((String) created.path("status")).isEqualTo("KEY_UNCHECKED");
    assertThat((String) created.path("keyCheckProblem"))
        .isEqualTo("Hyros did not answer within 5 s");
    await()
        .atMost(Duration.ofSeconds(40))
        .until(
            () ->
                "slow-owner@shop.example"
                    .equals(
                        admin.get("/api/v1/integrations/" + integration).path("account.email")));
  }

  private static List<Object> stored(TestStack stack, String integration) {
    return stack
        .database()
        .rows(
            "SELECT hyros_key_sealed, account_email, status FROM integrations WHERE id = ?",
            integration)
        .get(0);
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
