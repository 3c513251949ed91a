package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI shows the new types: a subscription change Hyros refused (sent before the subscription
 * existed) is listed by its type; once the subscription was started with a newer time, replaying
 * the change finds it stale: the job skips it, sends nothing, and exits 0.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ChangeTypesCliTest {

  private CliRun cli(String... args) {
    Map<String, String> env =
        Map.of(
            "CONVGATE_URL",
            "http://localhost:" + RestAssured.port,
            "CONVGATE_API_KEY",
            TestStack.ADMIN_KEY);
    return CliRun.run(env, "", Terminal.none(), args);
  }

  @Test
  void deadLettersOfTheNewTypesAreListedAndAStaleReplayIsSkipped() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "cli-changes", 100, 6000);
    ObjectNode change =
        Events.JSON
            .createObjectNode()
            .put("subscriptionId", "sub_cli")
            .put("status", "PAST_DUE")
            .put("price", "9.00")
            .put("currency", "USD");
    Tenants.produce(
        stack,
        List.of(
            Tenants.record(
                "sub_cli",
                Events.envelope(
                    "evt-cli-1",
                    "subscription.changed",
                    tenant.integration(),
                    "2026-11-20T10:00:00Z",
                    change))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                cli("dead-letters", "list", "--integration", tenant.integration())
                    .out
                    .contains("subscription.changed"));
    CliRun listed =
        cli(
            "dead-letters",
            "list",
            "--integration",
            tenant.integration(),
            "--type",
            "subscription.changed");
    assertThat(listed.out).contains("subscription.changed").contains("hyros-rejected");

    ObjectNode start =
        change
            .deepCopy()
            .put("status", "ACTIVE")
            .put("periodicity", "MONTH")
            .put("email", "c@x.io");
    Tenants.produce(
        stack,
        List.of(
            Tenants.record(
                "sub_cli",
                Events.envelope(
                    "evt-cli-2",
                    "subscription.started",
                    tenant.integration(),
                    "2026-11-21T10:00:00Z",
                    start))));
    await().atMost(Duration.ofSeconds(30)).until(() -> tenant.received(stack).size() == 1);

    CliRun replay = cli("dead-letters", "replay", "--integration", tenant.integration(), "--yes");
    assertThat(replay.exitCode).as(replay.toString()).isZero();
    assertThat(replay.out + replay.err).contains("skipped 1");
    assertThat(tenant.received(stack)).as("the stale change is not sent").hasSize(1);
  }
}
