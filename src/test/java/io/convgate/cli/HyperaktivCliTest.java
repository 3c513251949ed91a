package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.HyperaktivTenants;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Hyperaktiv integration and a route made as README's local-stack section says, with the CLI
 * against a real gateway: without {@code ref} it is refused naming {@code /settings/ref}; the key
 * is never shown; a lead from the routed source reaches the Hyperaktiv sandbox.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class HyperaktivCliTest {

  private final TestStack stack = TestStack.shared();

  private CliRun cli(String stdin, String... args) {
    Map<String, String> env =
        Map.of(
            "CONVGATE_URL",
            "http://localhost:" + RestAssured.port,
            "CONVGATE_API_KEY",
            TestStack.ADMIN_KEY);
    return CliRun.run(env, stdin, Terminal.none(), args);
  }

  @Test
  void aHyperaktivIntegrationNeedsARefAndNeverShowsItsKey() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String id = "hk-cli-" + run;
    String key = "hk-cli-workspace-key-" + run;
    String ref = "cli-origin-" + run;
    stack.hyperaktiv().addWorkspace(key, ref);
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

    Response noRef =
        admin.post(
            "/api/v1/integrations", Map.of("id", id, "destination", "hyperaktiv", "apiKey", key));
    assertThat(noRef.statusCode()).isEqualTo(400);
    assertThat(noRef.<List<String>>path("fieldErrors.pointer")).containsExactly("/settings/ref");
    assertThat(noRef.asString()).doesNotContain(key);
    CliRun refused =
        cli(
            key + "\n",
            "integrations",
            "create",
            "--id",
            id,
            "--name",
            "Funnel",
            "--destination",
            "hyperaktiv",
            "--key-stdin");
    assertThat(refused.exitCode).as(refused.toString()).isNotZero();
    assertThat(refused.out + refused.err).contains("/settings/ref").doesNotContain(key);
    assertThat(admin.get("/api/v1/integrations/" + id).statusCode()).isEqualTo(404);

    CliRun created =
        cli(
            key + "\n",
            "integrations",
            "create",
            "--id",
            id,
            "--name",
            "Funnel",
            "--destination",
            "hyperaktiv",
            "--setting",
            "ref=" + ref,
            "--key-stdin");
    assertThat(created.exitCode).as(created.toString()).isZero();
    assertThat(created.out + created.err).contains(id).doesNotContain(key);
    Response view = admin.get("/api/v1/integrations/" + id);
    assertThat((String) view.path("destination")).isEqualTo("hyperaktiv");
    assertThat(view.<Map<String, String>>path("settings")).containsExactly(Map.entry("ref", ref));
    assertThat((String) view.path("status")).isEqualTo("ACTIVE");
    assertThat(view.asString()).doesNotContain(key);
    CliRun shown = cli("", "integrations", "show", id);
    assertThat(shown.out).contains("hyperaktiv").doesNotContain(key);

    String source = "crm/cli-" + run;
    CliRun route =
        cli(
            "",
            "routes",
            "add",
            "--id",
            "cli-leads-" + run,
            "--source",
            source,
            "--type",
            "lead.upserted",
            "--to",
            id);
    assertThat(route.exitCode).as(route.toString()).isZero();
    String email = "cli-" + run + "@example.com";
    Tenants.produce(
        stack,
        List.of(
            HyperaktivTenants.unnamed(
                "evt-cli-" + run, "lead.upserted", source, email, Events.lead(email))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.hyperaktiv().leads(key, ref).size() == 1);
    assertThat(stack.hyperaktiv().leads(key, ref).get(0).email()).isEqualTo(email);
  }

  @Test
  void setSettingsMovesLeadsToAnotherOriginAndARefIsStillRequired() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String id = "hk-move-" + run;
    String key = "hk-move-key-" + run;
    String first = "first-origin-" + run;
    String second = "second-origin-" + run;
    stack.hyperaktiv().addWorkspace(key, first, second);
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    assertThat(
            admin
                .post(
                    "/api/v1/integrations",
                    Map.of(
                        "id",
                        id,
                        "destination",
                        "hyperaktiv",
                        "apiKey",
                        key,
                        "settings",
                        Map.of("ref", first)))
                .statusCode())
        .isEqualTo(201);

    CliRun cleared = cli("", "integrations", "set-settings", id, "--clear");
    assertThat(cleared.exitCode).as(cleared.toString()).isNotZero();
    assertThat(cleared.out + cleared.err).contains("/settings/ref");
    CliRun neither = cli("", "integrations", "set-settings", id);
    assertThat(neither.exitCode).isEqualTo(ConvgateCli.EXIT_USAGE);

    CliRun moved = cli("", "integrations", "set-settings", id, "--setting", "ref=" + second);
    assertThat(moved.exitCode).as(moved.toString()).isZero();
    assertThat(moved.out).contains(second).doesNotContain(key);
    assertThat(admin.get("/api/v1/integrations/" + id).<Map<String, String>>path("settings"))
        .containsExactly(Map.entry("ref", second));

    String email = "moved-" + run + "@example.com";
    Tenants.produce(
        stack,
        List.of(
            Tenants.record(
                email,
                Events.envelope(
                    "evt-moved-" + run,
                    "lead.upserted",
                    id,
                    "2026-11-20T10:00:00Z",
                    Events.lead(email)))));
    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> stack.hyperaktiv().leads(key, second).size() == 1);
    assertThat(stack.hyperaktiv().leads(key, first)).isEmpty();
  }
}
