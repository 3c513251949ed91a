package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class ErrorsAndHelpCliTest extends FakeAdminApiTest {

  @Test
  void anUnreachableUrlExits4AndNamesTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    CliRun run =
        CliRun.run(
            Map.of("CONVGATE_API_KEY", CliRun.API_KEY),
            "",
            Terminal.none(),
            "--url",
            url,
            "integrations",
            "list");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(4);
    assertThat(run.err).contains("cannot connect to convgate at " + url);
    assertThat(run.out + run.err).doesNotContain(CliRun.API_KEY);
  }

  @Test
  void theUrlComesFromTheEnvironmentAndTheOptionWins() {
    api.answer("GET", "/api/v1/integrations", 200, "{\"items\": []}");

    CliRun fromEnv =
        CliRun.run(
            Map.of("CONVGATE_URL", api.url(), "CONVGATE_API_KEY", CliRun.API_KEY),
            "",
            Terminal.none(),
            "integrations",
            "list");
    CliRun fromOption =
        CliRun.run(
            Map.of("CONVGATE_URL", "http://127.0.0.1:1", "CONVGATE_API_KEY", "cgw_wrong"),
            "",
            Terminal.none(),
            "integrations",
            "list",
            "--url",
            api.url(),
            "--api-key",
            CliRun.API_KEY);

    assertThat(fromEnv.exitCode).as(fromEnv.toString()).isZero();
    assertThat(fromOption.exitCode).as(fromOption.toString()).isZero();
    assertThat(api.requests()).hasSize(2);
    assertThat(api.requests())
        .allSatisfy(
            request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRun.API_KEY));
  }

  @Test
  void anUnknownKeyExits2AndSaysWhereTheKeyComesFrom() {
    api.answer(
        "GET",
        "/api/v1/integrations",
        401,
        "{\"status\": 401, \"error\": \"unauthorized\", \"message\": \"unknown API key\"}");

    CliRun run = cli("integrations", "list");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("error: unknown API key").contains("CONVGATE_API_KEY");
    assertThat(run.out + run.err).doesNotContain(CliRun.API_KEY);
  }

  @Test
  void aNonJsonErrorStillGivesTheStatus() {
    api.answer("GET", "/api/v1/integrations", 502, "");

    CliRun run = cli("integrations", "list");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("error: the server answered HTTP 502");
  }

  @Test
  void noApiKeyIsAUsageErrorBeforeAnyCall() {
    CliRun run =
        CliRun.run(Map.of("CONVGATE_URL", api.url()), "", Terminal.none(), "integrations", "list");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("CONVGATE_API_KEY");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CliRun run = cli("dead-letters", "list", "--colour");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("--colour");
  }

  @Test
  void aGroupWithoutSubcommandIsAUsageError() {
    CliRun run = cli("dead-letters");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("list", "show", "replay", "discard");
  }

  @Test
  void theTopLevelHelpListsTheEverydayTasks() {
    CliRun run = cli("--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .contains("Everyday tasks:")
        .contains("convgate dead-letters replay")
        .contains("convgate integrations rotate-key shop-eu")
        .contains("Exit codes:")
        .contains("dead-letters", "replays", "integrations", "keys", "events");
  }

  @Test
  void everyCommandHasARunbookHelpWithAnExample() {
    String[][] commands = {
      {"dead-letters", "list"},
      {"dead-letters", "show"},
      {"dead-letters", "replay"},
      {"dead-letters", "discard"},
      {"replays", "list"},
      {"replays", "show"},
      {"integrations", "list"},
      {"integrations", "show"},
      {"integrations", "create"},
      {"integrations", "pause"},
      {"integrations", "resume"},
      {"integrations", "rotate-key"},
      {"integrations", "set-limits"},
      {"integrations", "connect-link"},
      {"keys", "create"},
      {"keys", "list"},
      {"keys", "show"},
      {"keys", "revoke"},
      {"events", "send"}
    };
    for (String[] command : commands) {
      CliRun run = cli(command[0], command[1], "--help");
      assertThat(run.exitCode).as(String.join(" ", command)).isZero();
      assertThat(run.out)
          .as(String.join(" ", command))
          .contains("Usage: convgate " + command[0] + " " + command[1])
          .contains("convgate " + command[0] + " " + command[1] + " ");
    }
    assertThat(api.requests()).isEmpty();
  }
}
