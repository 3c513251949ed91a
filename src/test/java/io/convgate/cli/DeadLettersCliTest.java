package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class DeadLettersCliTest extends FakeAdminApiTest {

  private static final String LETTER_42 =
      """
      {"id": 42, "state": "OPEN", "stage": "delivery", "reasonCode": "hyros-rejected",
       "reason": "Hyros refused the email", "httpStatus": 400, "integration": "shop-eu",
       "eventId": "evt_1", "eventType": "sale.completed", "sourceTopic": "billing.events",
       "deadLetteredAt": "2026-11-23T07:05:00Z", "replayCount": 0}""";

  private static final String LETTER_43 =
      """
      {"id": 43, "state": "OPEN", "stage": "delivery", "reasonCode": "retries-exhausted",
       "reason": "Hyros kept failing", "httpStatus": 503, "integration": "shop-us",
       "eventId": "evt_2", "eventType": "lead.upserted", "sourceTopic": "crm.events",
       "deadLetteredAt": "2026-11-23T07:06:00Z", "replayCount": 1}""";

  @Test
  void listSendsTheFiltersWithTheBearerKeyAndShowsATable() {
    api.answer(
        "GET", "/api/v1/dead-letters", 200, "{\"items\": [" + LETTER_42 + "], \"next\": \"c42\"}");

    CliRun run =
        cli(
            "dead-letters",
            "list",
            "--integration",
            "shop-eu",
            "--type",
            "sale.completed",
            "--reason",
            "hyros-rejected",
            "--http-status",
            "400",
            "--state",
            "OPEN",
            "--from",
            "2026-11-23T00:00:00Z",
            "--to",
            "2026-11-23T12:00:00Z",
            "--limit",
            "50");

    assertThat(run.exitCode).as(run.toString()).isZero();
    FakeAdminApi.Request request = api.only("GET", "/api/v1/dead-letters");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRun.API_KEY);
    assertThat(request.query())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "integration", "shop-eu",
                "type", "sale.completed",
                "reason", "hyros-rejected",
                "httpStatus", "400",
                "state", "OPEN",
                "from", "2026-11-23T00:00:00Z",
                "to", "2026-11-23T12:00:00Z",
                "limit", "50"));
    String[] lines = run.out.split("\n");
    assertThat(lines[0])
        .contains("ID", "STATE", "INTEGRATION", "EVENT", "TYPE", "REASON", "HTTP", "DEAD-LETTERED");
    assertThat(lines[1])
        .contains(
            "42",
            "OPEN",
            "shop-eu",
            "evt_1",
            "sale.completed",
            "hyros-rejected",
            "400",
            "2026-11-23T07:05:00Z",
            "Hyros refused the email");
    assertThat(run.out).contains("--after c42");
    assertThat(run.out + run.err).doesNotContain(CliRun.API_KEY);
  }

  @Test
  void listAllFollowsNextToTheLastPage() {
    api.answer(
            "GET",
            "/api/v1/dead-letters",
            200,
            "{\"items\": [" + LETTER_42 + "], \"next\": \"c42\"}")
        .answer(
            "GET", "/api/v1/dead-letters", 200, "{\"items\": [" + LETTER_43 + "], \"next\": null}");

    CliRun run = cli("dead-letters", "list", "--state", "open", "--all");

    assertThat(run.exitCode).as(run.toString()).isZero();
    var requests = api.requests("GET", "/api/v1/dead-letters");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).query()).isEqualTo(Map.of("state", "OPEN"));
    assertThat(requests.get(1).query()).isEqualTo(Map.of("state", "OPEN", "after", "c42"));
    assertThat(run.out).contains("evt_1", "evt_2", "2 dead letters").doesNotContain("--after");
  }

  @Test
  void listAsJsonPrintsTheItems() throws Exception {
    api.answer(
        "GET", "/api/v1/dead-letters", 200, "{\"items\": [" + LETTER_42 + "], \"next\": null}");

    CliRun run = cli("--output", "json", "dead-letters", "list");

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode printed = JSON.readTree(run.out);
    assertThat(printed.path("items").get(0).path("id").asLong()).isEqualTo(42);
  }

  @Test
  void showPrintsWhyHeadersPayloadAndHistory() {
    api.answer(
        "GET",
        "/api/v1/dead-letters/42",
        200,
        LETTER_42.substring(0, LETTER_42.lastIndexOf('}'))
            + """
            , "fieldErrors": [{"pointer": "/data/email", "message": "is not an email"}],
              "hyrosMessages": ["email is invalid"],
              "headers": [{"name": "convgate-stage", "value": "delivery"},
                          {"name": "ce_id", "value": "evt_1"},
                          {"name": "trace", "value": "first"},
                          {"name": "trace", "value": "second"}],
              "payload": "{\\"specversion\\":\\"1.0\\",\\"id\\":\\"evt_1\\"}",
              "history": [{"at": "2026-11-23T07:10:00Z", "action": "replayed", "actor": "cgw_ab12cd34ef"}]}
            """);

    CliRun run = cli("dead-letters", "show", "42");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("Dead letter 42 (OPEN)")
        .contains("hyros-rejected: Hyros refused the email")
        .contains("/data/email: is not an email")
        .contains("email is invalid")
        .contains("convgate-stage", "ce_id")
        .containsPattern("trace +first\\R +trace +second")
        .contains("\"specversion\" : \"1.0\"")
        .contains("2026-11-23T07:10:00Z", "action: replayed");
  }

  @Test
  void showWritesAPayloadsTerminalControlsAsEscapesNotAsControls() throws Exception {
    // Not JSON, so printed as it came: an ESC sequence that clears the screen, a C1 CSI, a
    // right-to-left override and a carriage return that would overwrite the line.
    String payload = "evil\u001b[2J\u009b31m\u202etxt.exe\rforged line\nsecond line";
    api.answer(
        "GET",
        "/api/v1/dead-letters/42",
        200,
        LETTER_42.substring(0, LETTER_42.lastIndexOf('}'))
            + ", \"payload\": "
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(payload)
            + "}");

    CliRun run = cli("dead-letters", "show", "42");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .doesNotContain("\u001b", "\u009b", "\u202e", "\r")
        .contains("evil\\u001b[2J\\u009b31m\\u202etxt.exe\\u000dforged line")
        .contains("second line");
  }

  @Test
  void discardSendsTheReason() throws Exception {
    api.answer(
        "POST",
        "/api/v1/dead-letters/42/discard",
        200,
        LETTER_42.replace("\"OPEN\"", "\"DISCARDED\""));

    CliRun run = cli("dead-letters", "discard", "42", "--reason", "test order");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/dead-letters/42/discard"))
        .isEqualTo(JSON.readTree("{\"reason\": \"test order\"}"));
    assertThat(run.out).contains("Dead letter 42 is now DISCARDED.");
  }

  @Test
  void aForbiddenAnswerPrintsTheMessageAndTheNeededPermissionAndExits2() {
    api.answer(
        "POST",
        "/api/v1/dead-letters/42/discard",
        403,
        """
        {"status": 403, "error": "forbidden",
         "message": "this key may not do this: it needs dead-letters:write",
         "permission": "dead-letters:write"}""");

    CliRun run = cli("dead-letters", "discard", "42", "--reason", "dup");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err)
        .contains("error: this key may not do this: it needs dead-letters:write")
        .contains("needs permission: dead-letters:write");
    assertThat(run.out + run.err).doesNotContain(CliRun.API_KEY);
  }

  @Test
  void discardWithoutReasonIsAUsageError() {
    CliRun run = cli("dead-letters", "discard", "42");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("--reason");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void aBadFromIsAUsageErrorThatSaysWhatIsExpected() {
    CliRun run = cli("dead-letters", "list", "--from", "yesterday");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("ISO-8601");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void listCutsLongCellsToTheTerminalWidthAndJsonKeepsThemWhole() throws Exception {
    String longId = "evt_" + "x".repeat(300_000);
    String longLetter = LETTER_42.replace("\"evt_1\"", "\"" + longId + "\"");
    api.answer(
        "GET",
        "/api/v1/dead-letters",
        200,
        "{\"items\": [" + longLetter + ", " + LETTER_43 + "], \"next\": null}");

    CliRun piped = cli("dead-letters", "list");
    assertThat(piped.exitCode).as(piped.toString()).isZero();
    assertThat(piped.out.lines().mapToInt(String::length).max().orElseThrow())
        .as("no COLUMNS: the default width")
        .isLessThanOrEqualTo(ConvgateCli.DEFAULT_WIDTH);
    String[] lines = piped.out.split("\n");
    assertThat(lines[1]).contains("42", "OPEN", "evt_xxx", "…", "2026-11-23T07:05:00Z");
    assertThat(lines[2]).contains("43", "evt_2", "2026-11-23T07:06:00Z");

    CliRun narrow = cli(Map.of("COLUMNS", "130"), "dead-letters", "list");
    assertThat(narrow.out.lines().mapToInt(String::length).max().orElseThrow())
        .as("COLUMNS=130")
        .isBetween(120, 130);

    CliRun json = cli(Map.of("COLUMNS", "80"), "--output", "json", "dead-letters", "list");
    assertThat(JSON.readTree(json.out).path("items").get(0).path("eventId").asText())
        .isEqualTo(longId);

    CliRun whole = cli(Map.of("COLUMNS", "80"), "dead-letters", "list", "--no-trunc");
    assertThat(whole.out).contains(longId);
  }

  @Test
  void showPrintsTheReasonCodeOnce() {
    // As gateways before decision 0029 wrote them: the code in the text as well.
    api.answer(
        "GET",
        "/api/v1/dead-letters/42",
        200,
        LETTER_42
            .replace("hyros-rejected", "invalid-envelope")
            .replace("Hyros refused the email", "invalid-envelope: /id: is required"));
    api.answer(
        "GET",
        "/api/v1/dead-letters/43",
        200,
        LETTER_43
            .replace("retries-exhausted", "not-json")
            .replace("Hyros kept failing", "not-json: : the record value is empty"));
    // As this gateway writes them: the text alone.
    api.answer(
        "GET",
        "/api/v1/dead-letters/44",
        200,
        LETTER_42
            .replace("42", "44")
            .replace("hyros-rejected", "invalid-data")
            .replace("Hyros refused the email", "/data/email: is not an email"));

    String shown =
        cli("dead-letters", "show", "42").out
            + cli("dead-letters", "show", "43").out
            + cli("dead-letters", "show", "44").out;

    assertThat(shown)
        .contains("invalid-envelope: /id: is required")
        .doesNotContain("invalid-envelope: invalid-envelope")
        .contains("not-json: the record value is empty")
        .doesNotContain("not-json: :")
        .contains("invalid-data: /data/email: is not an email");
  }

  @Test
  void listDetailLeavesOutTheCodeTheReasonColumnShows() {
    api.answer(
        "GET",
        "/api/v1/dead-letters",
        200,
        "{\"items\": ["
            + LETTER_42
                .replace("hyros-rejected", "invalid-envelope")
                .replace("Hyros refused the email", "invalid-envelope: /id: is required")
            + "], \"next\": null}");

    CliRun run = cli("dead-letters", "list");

    assertThat(run.out.split("\n")[1])
        .contains("invalid-envelope")
        .contains("/id: is required")
        .doesNotContain("invalid-envelope: /id");
  }
}
