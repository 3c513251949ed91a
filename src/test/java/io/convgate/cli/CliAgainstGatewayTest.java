package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a real gateway (not a fake API): the commands of the operator runbook, in the
 * order an operator would use them, each checked by what it printed and what it changed.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class CliAgainstGatewayTest {

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
  void theRunbookWorksAgainstARealGateway() throws Exception {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "cli-" + run;
    String hyrosKey = "cli-hyros-key-" + run;
    stack.sandbox().addKey(hyrosKey, integration + "@example.com");

    CliRun created =
        cli(
            hyrosKey + "\n",
            "integrations",
            "create",
            "--id",
            integration,
            "--name",
            "CLI shop",
            "--key-stdin");
    assertThat(created.exitCode).as(created.toString()).isZero();
    assertThat(created.out + created.err).contains(integration).doesNotContain(hyrosKey);

    assertThat(cli("", "integrations", "pause", integration).exitCode).isZero();
    assertThat(cli("", "integrations", "show", integration).out).contains("PAUSED");
    assertThat(cli("", "integrations", "resume", integration).exitCode).isZero();
    CliRun limits =
        cli("", "integrations", "set-limits", integration, "--requests-per-second", "7");
    assertThat(limits.exitCode).as(limits.toString()).isZero();
    CliRun list = cli("", "integrations", "list");
    assertThat(list.out).contains(integration).contains("ACTIVE");

    // An event over HTTP, and one the contract refuses (it becomes a dead letter).
    Path valid = Files.createTempFile("event", ".json");
    Files.writeString(
        valid,
        Events.envelope(
                "evt-cli-" + run,
                "lead.upserted",
                integration,
                "2026-11-22T10:00:00Z",
                Events.lead("cli@example.com"))
            .toString());
    CliRun sent = cli("", "events", "send", valid.toString());
    assertThat(sent.exitCode).as(sent.toString()).isZero();
    assertThat(sent.out).contains("evt-cli-" + run);
    Path invalid = Files.createTempFile("event", ".json");
    Files.writeString(
        invalid,
        Events.envelope(
                "evt-bad-" + run,
                "lead.upserted",
                integration,
                "2026-11-22T10:00:00Z",
                Events.lead("nope"))
            .toString());
    CliRun refused = cli("", "events", "send", invalid.toString());
    assertThat(refused.exitCode).isEqualTo(2);
    assertThat(refused.err).contains("/data/email");

    io.convgate.testkit.Admin.inTest(TestStack.ADMIN_KEY)
        .invalidEventsIndexed(stack, integration, run, 2);
    CliRun letters = cli("", "dead-letters", "list", "--integration", integration);
    assertThat(letters.exitCode).as(letters.toString()).isZero();
    Matcher id = Pattern.compile("(?m)^\\s*(\\d+)\\s").matcher(letters.out);
    assertThat(id.find()).as(letters.out).isTrue();
    String first = id.group(1);
    assertThat(cli("", "dead-letters", "show", first).out)
        .contains("invalid")
        .contains(integration);

    CliRun plan = cli("", "dead-letters", "replay", "--integration", integration, "--dry-run");
    assertThat(plan.exitCode).as(plan.toString()).isZero();
    assertThat(plan.out + plan.err).containsIgnoringCase("would fail");
    CliRun replay = cli("", "dead-letters", "replay", "--integration", integration, "--yes");
    assertThat(replay.exitCode)
        .as("still invalid: the job ends with failures; " + replay)
        .isEqualTo(3);

    CliRun discarded = cli("", "dead-letters", "discard", first, "--reason", "test data");
    assertThat(discarded.exitCode).as(discarded.toString()).isZero();
    assertThat(cli("", "dead-letters", "show", first).out)
        .contains("DISCARDED")
        .contains("test data");

    CliRun key =
        cli(
            "",
            "keys",
            "create",
            "--name",
            "ci",
            "--kind",
            "RESTRICTED",
            "--permission",
            "metrics:read",
            "--owner-type",
            "MACHINE",
            "--owner",
            "ci");
    assertThat(key.exitCode).as(key.toString()).isZero();
    String secret = key.out.trim();
    assertThat(secret).matches("cgw_[a-z0-9]{10}_[A-Za-z0-9]{40}");
    String keyId = secret.substring(4, 14);
    assertThat(cli("", "keys", "list").out).contains(keyId).doesNotContain(secret);
    assertThat(cli("", "keys", "revoke", keyId).exitCode).isZero();
    CliRun denied =
        CliRun.run(
            Map.of(
                "CONVGATE_URL", "http://localhost:" + RestAssured.port, "CONVGATE_API_KEY", secret),
            "",
            Terminal.none(),
            "integrations",
            "list");
    assertThat(denied.exitCode).isEqualTo(2);
    assertThat(denied.err).contains("revoked");

    // The audit trail: what the runbook changed, and the refused call of the revoked key.
    CliRun trail = cli("", "audit", "list", "--target", "integration " + integration);
    assertThat(trail.exitCode).as(trail.toString()).isZero();
    assertThat(trail.out)
        .contains("integration.create", "integration.pause", "integration.resume")
        .doesNotContain(hyrosKey);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(cli("", "audit", "list", "--action", "api.refused").out)
                    .contains(keyId)
                    .contains("GET /api/v1/integrations")
                    .contains("unauthorized")
                    .doesNotContain(secret));
    assertThat(cli("", "--output", "json", "audit", "list", "--action", "api.refused").out)
        .contains("revoked-key")
        .doesNotContain(secret);
  }
}
