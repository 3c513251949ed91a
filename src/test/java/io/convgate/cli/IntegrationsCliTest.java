package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class IntegrationsCliTest extends FakeAdminApiTest {

  private static final String HYROS_KEY = "hyros-API-key-7f3a9c2e1b";

  private static final String SHOP_EU =
      """
      {"id": "shop-eu", "name": "Shop EU", "status": "ACTIVE",
       "requestsPerSecond": null, "requestsPerMinute": 200,
       "account": {"email": "owner@shop.example", "roles": ["ADMIN"]},
       "keyUpdatedAt": "2026-11-23T07:00:00Z", "lastDeliveryAt": "2026-11-23T07:05:00Z",
       "lastError": {"at": "2026-11-23T06:00:00Z", "httpStatus": 401, "message": "bad key"},
       "parked": 7, "createdAt": "2026-11-01T00:00:00Z", "updatedAt": "2026-11-23T07:00:00Z"}""";

  @Test
  void listShowsStatusLimitsAndLastError() {
    api.answer("GET", "/api/v1/integrations", 200, "{\"items\": [" + SHOP_EU + "]}");

    CliRun run = cli("integrations", "list");

    assertThat(run.exitCode).as(run.toString()).isZero();
    String[] lines = run.out.split("\n");
    assertThat(lines[0]).contains("ID", "NAME", "STATUS", "PARKED", "LAST-ERROR");
    assertThat(lines[1]).contains("shop-eu", "Shop EU", "ACTIVE", "200", "7", "HTTP 401: bad key");
  }

  @Test
  void showNamesTheAccountAndTheDefaultLimit() {
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, SHOP_EU);

    CliRun run = cli("integrations", "show", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("Integration shop-eu (ACTIVE)")
        .contains("owner@shop.example (ADMIN)")
        .contains("Hyros default");
  }

  @Test
  void rotateKeyReadsTheKeyFromStdinAndNeverPrintsIt() throws Exception {
    api.answer("PUT", "/api/v1/integrations/shop-eu/key", 200, SHOP_EU);

    CliRun run =
        cli(
            HYROS_KEY + "\n",
            CliRun.terminal(null, "typed-at-a-prompt"),
            "integrations",
            "rotate-key",
            "shop-eu",
            "--key-stdin");

    assertThat(run.exitCode).as(run.toString()).isZero();
    FakeAdminApi.Request request = api.only("PUT", "/api/v1/integrations/shop-eu/key");
    assertThat(JSON.readTree(request.body()))
        .isEqualTo(JSON.readTree("{\"hyrosApiKey\": \"" + HYROS_KEY + "\"}"));
    assertThat(run.out)
        .contains(
            "Stored the new Hyros key of shop-eu for the Hyros account owner@shop.example; it is"
                + " now ACTIVE.");
    assertThat(run.out + run.err).doesNotContain(HYROS_KEY).doesNotContain(CliRun.API_KEY);
  }

  @Test
  void withoutATerminalTheKeyComesFromStdinEvenWithoutTheFlag() throws Exception {
    api.answer("PUT", "/api/v1/integrations/shop-eu/key", 200, SHOP_EU);

    CliRun run = cli(HYROS_KEY + "\n", Terminal.none(), "integrations", "rotate-key", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("PUT", "/api/v1/integrations/shop-eu/key").path("hyrosApiKey").asText())
        .isEqualTo(HYROS_KEY);
  }

  @Test
  void atATerminalTheKeyIsPromptedFor() throws Exception {
    api.answer("PUT", "/api/v1/integrations/shop-eu/key", 200, SHOP_EU);

    CliRun run = cli("", CliRun.terminal(null, HYROS_KEY), "integrations", "rotate-key", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("PUT", "/api/v1/integrations/shop-eu/key").path("hyrosApiKey").asText())
        .isEqualTo(HYROS_KEY);
    assertThat(run.out + run.err).doesNotContain(HYROS_KEY);
  }

  @Test
  void aKeyEchoedInAnErrorIsNotPrinted() {
    api.answer(
        "PUT",
        "/api/v1/integrations/shop-eu/key",
        400,
        "{\"status\": 400, \"error\": \"bad-request\", \"message\": \"Hyros refused key "
            + HYROS_KEY
            + "\", \"fieldErrors\": [{\"pointer\": \"/hyrosApiKey\", \"message\": \"rejected by Hyros\"}]}");

    CliRun run = cli(HYROS_KEY + "\n", Terminal.none(), "integrations", "rotate-key", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err)
        .contains("error: Hyros refused key")
        .contains("  /hyrosApiKey: rejected by Hyros");
    assertThat(run.out + run.err).doesNotContain(HYROS_KEY);
  }

  @Test
  void anEmptyStdinIsAUsageError() {
    CliRun run = cli("", Terminal.none(), "integrations", "rotate-key", "shop-eu");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("no Hyros API key");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void createPostsIdNameKeyAndLimits() throws Exception {
    api.answer("POST", "/api/v1/integrations", 201, SHOP_EU);

    CliRun run =
        cli(
            HYROS_KEY + "\n",
            Terminal.none(),
            "integrations",
            "create",
            "--id",
            "shop-eu",
            "--name",
            "Shop EU",
            "--key-stdin",
            "--requests-per-minute",
            "200");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/integrations"))
        .isEqualTo(
            JSON.readTree(
                "{\"id\": \"shop-eu\", \"name\": \"Shop EU\", \"hyrosApiKey\": \""
                    + HYROS_KEY
                    + "\", \"requestsPerMinute\": 200}"));
    assertThat(run.out)
        .contains("Created integration shop-eu for the Hyros account owner@shop.example.")
        .doesNotContain(HYROS_KEY);
  }

  @Test
  void createSaysWhyAnIntegrationIsHeldWhenHyrosCouldNotCheckTheKey() {
    api.answer(
        "POST",
        "/api/v1/integrations",
        201,
        """
        {"id": "shop-us", "name": "Shop US", "status": "KEY_UNCHECKED", "parked": 0,
         "keyCheckProblem": "Hyros answered 503"}""");

    CliRun run =
        cli(
            HYROS_KEY + "\n",
            Terminal.none(),
            "integrations",
            "create",
            "--id",
            "shop-us",
            "--name",
            "Shop US",
            "--key-stdin");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("Created integration shop-us. Held: Hyros could not check the key (Hyros")
        .contains("deliveries are parked until it does");
  }

  @Test
  void pauseAndResumePostToTheirPaths() {
    api.answer(
        "POST",
        "/api/v1/integrations/shop-eu/pause",
        200,
        SHOP_EU.replace("\"ACTIVE\"", "\"PAUSED\""));
    api.answer("POST", "/api/v1/integrations/shop-eu/resume", 200, SHOP_EU);

    CliRun pause = cli("integrations", "pause", "shop-eu");
    CliRun resume = cli("integrations", "resume", "shop-eu");

    assertThat(pause.exitCode).as(pause.toString()).isZero();
    assertThat(pause.out).contains("shop-eu is now PAUSED.");
    assertThat(resume.exitCode).as(resume.toString()).isZero();
    assertThat(resume.out).contains("shop-eu is now ACTIVE.");
    assertThat(api.only("POST", "/api/v1/integrations/shop-eu/pause").header("Authorization"))
        .isEqualTo("Bearer " + CliRun.API_KEY);
  }

  @Test
  void setLimitsPatchesOnlyWhatIsGivenAndDefaultIsNull() throws Exception {
    api.answer("PATCH", "/api/v1/integrations/shop-eu", 200, SHOP_EU);

    CliRun run =
        cli(
            "integrations",
            "set-limits",
            "shop-eu",
            "--requests-per-second",
            "default",
            "--requests-per-minute",
            "200");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("PATCH", "/api/v1/integrations/shop-eu"))
        .isEqualTo(JSON.readTree("{\"requestsPerSecond\": null, \"requestsPerMinute\": 200}"));
  }

  @Test
  void setLimitsWithoutALimitIsAUsageError() {
    CliRun run = cli("integrations", "set-limits", "shop-eu");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void connectLinkPrintsTheUrl() throws Exception {
    api.answer(
        "POST",
        "/api/v1/integrations/connect-links",
        201,
        "{\"url\": \"https://convgate.example/integrations/hyros/start?link=abc\","
            + " \"expiresAt\": \"2026-11-23T08:00:00Z\"}");

    CliRun run = cli("integrations", "connect-link", "shop-eu", "--name", "Shop EU");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/integrations/connect-links"))
        .isEqualTo(JSON.readTree("{\"integrationId\": \"shop-eu\", \"name\": \"Shop EU\"}"));
    assertThat(run.out.strip())
        .isEqualTo("https://convgate.example/integrations/hyros/start?link=abc");
    assertThat(run.err).contains("2026-11-23T08:00:00Z");
  }

  @Test
  void aLastErrorWithoutAnHttpStatusNamesItsReasonNotNull() {
    String noAnswer =
        SHOP_EU.replace(
            "\"httpStatus\": 401, \"message\": \"bad key\"",
            "\"reasonCode\": \"retries-exhausted\", \"httpStatus\": null,"
                + " \"message\": \"connect timed out\"");
    api.answer("GET", "/api/v1/integrations", 200, "{\"items\": [" + noAnswer + "]}");
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, noAnswer);

    CliRun list = cli("integrations", "list");
    CliRun show = cli("integrations", "show", "shop-eu");

    assertThat(list.out.split("\n")[1])
        .contains("retries-exhausted: connect timed out")
        .doesNotContain("null");
    assertThat(show.out)
        .contains("2026-11-23T06:00:00Z retries-exhausted: connect timed out")
        .doesNotContain("null");
  }

  @Test
  void anEventRefusedAtIngestIsShownApartFromTheLastHyrosError() {
    String rejected =
        SHOP_EU.replace(
            "\"lastError\": {\"at\": \"2026-11-23T06:00:00Z\", \"httpStatus\": 401,"
                + " \"message\": \"bad key\"}",
            "\"lastError\": null, \"lastRejection\": {\"at\": \"2026-11-23T06:30:00Z\","
                + " \"reasonCode\": \"invalid-envelope\", \"message\": \"/id: is required\"}");
    api.answer("GET", "/api/v1/integrations", 200, "{\"items\": [" + rejected + "]}");
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, rejected);

    CliRun list = cli("integrations", "list");
    CliRun show = cli("integrations", "show", "shop-eu");

    assertThat(list.out.split("\n")[1]).doesNotContain("invalid-envelope");
    assertThat(show.out)
        .containsPattern("last Hyros error +-\n")
        .containsPattern(
            "last rejection +2026-11-23T06:30:00Z invalid-envelope: /id: is required\n");
  }

  @Test
  void aShortKeyIsMaskedWhereItStandsAloneButNotInsideWords() {
    api.answer(
        "PUT",
        "/api/v1/integrations/shop-eu/key",
        400,
        """
        {"status": 400, "error": "bad-request", "message": "this key is not accepted: ey",
         "fieldErrors": [{"pointer": "/hyrosApiKey", "message": "'ey' is too short; keys are longer"}]}""");

    CliRun run = cli("ey\n", Terminal.none(), "integrations", "rotate-key", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err)
        .contains("error: this key is not accepted: [redacted]")
        .contains("/hyrosApiKey: '[redacted]' is too short; keys are longer");
  }

  @Test
  void aGatewayKeyEchoedInAnErrorShowsOnlyItsId() {
    String otherKey = "cgw_zz98yx76wv_" + "Ab1".repeat(13) + "C";
    api.answer(
        "POST",
        "/api/v1/integrations/shop-eu/pause",
        409,
        "{\"status\": 409, \"error\": \"conflict\", \"message\": \"paused by " + otherKey + "\"}");

    CliRun run = cli("integrations", "pause", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err)
        .as(run.toString())
        .contains("paused by cgw_zz98yx76wv_[redacted]")
        .doesNotContain(otherKey);
  }
}
