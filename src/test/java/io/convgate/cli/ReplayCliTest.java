package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class ReplayCliTest extends FakeAdminApiTest {

  private static final String PLAN =
      """
      {"total": 3, "wouldSend": 1, "alreadyDelivered": 1, "wouldFail": 1,
       "items": [{"id": 42, "action": "SEND", "detail": null},
                 {"id": 43, "action": "ALREADY_DELIVERED", "detail": "delivered 2026-11-23T07:00:00Z"},
                 {"id": 44, "action": "WOULD_FAIL", "detail": "integration shop-x does not exist"}]}""";

  private static String job(String state, int delivered, int skipped, int failed) {
    int done = delivered + skipped + failed;
    return "{\"id\": \"rpl_1\", \"state\": \""
        + state
        + "\", \"requestedBy\": \"cgw_ab12cd34ef\", \"createdAt\": \"2026-11-23T07:00:00Z\","
        + " \"filter\": {\"integration\": \"shop-eu\"}, \"total\": 500, \"republished\": 500,"
        + " \"delivered\": "
        + delivered
        + ", \"skipped\": "
        + skipped
        + ", \"failed\": "
        + failed
        + ", \"pending\": "
        + (500 - done)
        + ", \"finishedAt\": "
        + (state.equals("RUNNING") ? "null" : "\"2026-11-23T07:01:00Z\"")
        + "}";
  }

  @Test
  void replayStartsTheJobAndFollowsItToSuccess() throws Exception {
    api.answer("POST", "/api/v1/replays", 202, job("RUNNING", 0, 0, 0));
    api.answer("GET", "/api/v1/replays/rpl_1", 200, job("RUNNING", 120, 0, 0))
        .answer("GET", "/api/v1/replays/rpl_1", 200, job("RUNNING", 240, 10, 0))
        .answer("GET", "/api/v1/replays/rpl_1", 200, job("SUCCEEDED", 490, 10, 0));

    CliRun run = cli("dead-letters", "replay", "--integration", "shop-eu", "--yes");

    assertThat(run.exitCode).as(run.toString()).isZero();
    FakeAdminApi.Request start = api.only("POST", "/api/v1/replays");
    assertThat(start.header("Authorization")).isEqualTo("Bearer " + CliRun.API_KEY);
    assertThat(start.header("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(start.body()))
        .isEqualTo(
            JSON.readTree("{\"filter\": {\"integration\": \"shop-eu\"}, \"dryRun\": false}"));
    assertThat(api.requests("GET", "/api/v1/replays/rpl_1")).hasSize(3);
    assertThat(run.err)
        .contains("\r[####................] 120/500 delivered 120 skipped 0 failed 0")
        .contains("\r[##########..........] 250/500 delivered 240 skipped 10 failed 0")
        .contains("\r[####################] 500/500 delivered 490 skipped 10 failed 0");
    assertThat(run.out).contains("Replay rpl_1 SUCCEEDED");
  }

  @Test
  void replayWithFailuresExits3() {
    api.answer("POST", "/api/v1/replays", 202, job("RUNNING", 0, 0, 0));
    api.answer("GET", "/api/v1/replays/rpl_1", 200, job("RUNNING", 100, 0, 2))
        .answer("GET", "/api/v1/replays/rpl_1", 200, job("COMPLETED_WITH_FAILURES", 480, 10, 10));

    CliRun run = cli("dead-letters", "replay", "42", "43", "--yes");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
    assertThat(run.err).contains("500/500 delivered 480 skipped 10 failed 10");
    assertThat(run.out).contains("COMPLETED_WITH_FAILURES").contains("failed 10");
  }

  @Test
  void anInterruptedJobExits3() {
    api.answer("POST", "/api/v1/replays", 202, job("RUNNING", 0, 0, 0));
    api.answer("GET", "/api/v1/replays/rpl_1", 200, job("INTERRUPTED", 100, 0, 0));

    CliRun run = cli("dead-letters", "replay", "--yes");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
    assertThat(run.out).contains("INTERRUPTED").contains("Replaying again is safe");
  }

  @Test
  void whenFollowingFailsTheJobIdIsGivenToFollowItAgain() {
    api.answer("POST", "/api/v1/replays", 202, job("RUNNING", 0, 0, 0));
    api.answer(
        "GET",
        "/api/v1/replays/rpl_1",
        503,
        "{\"status\": 503, \"error\": \"internal\", \"message\": \"database unavailable\"}");

    CliRun run = cli("dead-letters", "replay", "--yes");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err)
        .contains("error: database unavailable")
        .contains("convgate replays show rpl_1 --follow");
  }

  @Test
  void replayOfIdsSendsTheIds() throws Exception {
    api.answer("POST", "/api/v1/replays", 202, job("SUCCEEDED", 2, 0, 0));

    CliRun run = cli("dead-letters", "replay", "42", "43", "--yes");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/replays"))
        .isEqualTo(JSON.readTree("{\"ids\": [42, 43], \"dryRun\": false}"));
  }

  @Test
  void dryRunPrintsThePlanAndStartsNothing() throws Exception {
    api.answer("POST", "/api/v1/replays", 200, PLAN);

    CliRun run = cli("dead-letters", "replay", "42", "43", "44", "--dry-run");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/replays"))
        .isEqualTo(JSON.readTree("{\"ids\": [42, 43, 44], \"dryRun\": true}"));
    assertThat(run.out)
        .contains("3 dead letters: would send 1, already delivered 1 (skipped), would fail 1")
        .contains("ALREADY_DELIVERED")
        .contains("44", "WOULD_FAIL", "integration shop-x does not exist");
    assertThat(api.requests("GET", "/api/v1/replays/rpl_1")).isEmpty();
  }

  @Test
  void withoutYesAndWithoutATerminalNothingIsReplayed() throws Exception {
    api.answer("POST", "/api/v1/replays", 200, PLAN);

    CliRun run = cli("dead-letters", "replay", "--reason", "hyros-rejected");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(run.err)
        .contains("--yes")
        .contains("would fail 1")
        .contains("integration shop-x does not exist")
        .doesNotContain("ALREADY_DELIVERED");
    FakeAdminApi.Request onlyCall = api.only("POST", "/api/v1/replays");
    assertThat(JSON.readTree(onlyCall.body()).path("dryRun").asBoolean()).isTrue();
  }

  @Test
  void theOperatorConfirmsAtTheTerminal() throws Exception {
    api.answer("POST", "/api/v1/replays", 200, PLAN)
        .answer("POST", "/api/v1/replays", 202, job("SUCCEEDED", 490, 10, 0));

    CliRun run = cli("", CliRun.terminal("y", null), "dead-letters", "replay", "--state", "OPEN");

    assertThat(run.exitCode).as(run.toString()).isZero();
    var posts = api.requests("POST", "/api/v1/replays");
    assertThat(posts).hasSize(2);
    assertThat(JSON.readTree(posts.get(0).body()))
        .isEqualTo(JSON.readTree("{\"filter\": {\"state\": \"OPEN\"}, \"dryRun\": true}"));
    assertThat(JSON.readTree(posts.get(1).body()))
        .isEqualTo(JSON.readTree("{\"filter\": {\"state\": \"OPEN\"}, \"dryRun\": false}"));
  }

  @Test
  void answeringNoReplaysNothing() {
    api.answer("POST", "/api/v1/replays", 200, PLAN);

    CliRun run = cli("", CliRun.terminal("n", null), "dead-letters", "replay");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(api.requests("POST", "/api/v1/replays")).hasSize(1);
    assertThat(run.err).contains("Not replayed");
  }

  @Test
  void noWaitPrintsTheJobAndReturns() {
    api.answer("POST", "/api/v1/replays", 202, job("RUNNING", 0, 0, 0));

    CliRun run = cli("dead-letters", "replay", "--yes", "--no-wait");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("rpl_1").contains("convgate replays show rpl_1 --follow");
    assertThat(api.requests("GET", "/api/v1/replays/rpl_1")).isEmpty();
  }

  @Test
  void idsAndFiltersTogetherAreAUsageError() {
    CliRun run = cli("dead-letters", "replay", "42", "--integration", "shop-eu", "--yes");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void replaysListAndShowFollow() {
    api.answer("GET", "/api/v1/replays", 200, "{\"items\": [" + job("RUNNING", 120, 0, 0) + "]}");
    api.answer("GET", "/api/v1/replays/rpl_1", 200, job("RUNNING", 120, 0, 0))
        .answer("GET", "/api/v1/replays/rpl_1", 200, job("SUCCEEDED", 500, 0, 0));

    CliRun list = cli("replays", "list");
    CliRun follow = cli("replays", "show", "rpl_1", "--follow");

    assertThat(list.exitCode).as(list.toString()).isZero();
    assertThat(list.out).contains("rpl_1", "RUNNING", "500", "120", "cgw_ab12cd34ef");
    assertThat(follow.exitCode).as(follow.toString()).isZero();
    assertThat(follow.err).contains("500/500 delivered 500");
  }
}
