package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code convgate integrations retire}: destroys a key, so it asks first. */
class RetireIntegrationCliTest extends FakeAdminApiTest {

  private static final String LIVE =
      """
      {"id": "shop-eu", "name": "Shop EU", "status": "ACTIVE", "parked": 3,
       "createdAt": "2026-11-01T00:00:00Z", "updatedAt": "2026-11-23T07:00:00Z"}""";

  private static final String RETIRED =
      """
      {"id": "shop-eu", "name": "Shop EU", "status": "RETIRED", "parked": 3,
       "createdAt": "2026-11-01T00:00:00Z", "updatedAt": "2026-12-04T21:00:00Z",
       "retiredAt": "2026-12-04T21:00:00Z", "retiredBy": "cgw_ab12cd34ef"}""";

  @Test
  void withYesItDeletesTheIntegrationAndSaysWhatFollows() {
    api.answer("DELETE", "/api/v1/integrations/shop-eu", 200, RETIRED);

    CliRun run = cli("integrations", "retire", "shop-eu", "--yes");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(api.requests()).hasSize(1);
    api.only("DELETE", "/api/v1/integrations/shop-eu");
    assertThat(run.out)
        .contains("Retired shop-eu on 2026-12-04T21:00:00Z")
        .contains("Hyros key is destroyed")
        .contains("integration-retired")
        .contains("Integration shop-eu (RETIRED)");
  }

  @Test
  void atATerminalTheIdMustBeTypedToConfirm() {
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, LIVE);
    api.answer("DELETE", "/api/v1/integrations/shop-eu", 200, RETIRED);

    CliRun run = cli("", CliRun.terminal("shop-eu", null), "integrations", "retire", "shop-eu");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.err).contains("dead-letters its 3 parked deliveries");
    api.only("DELETE", "/api/v1/integrations/shop-eu");
  }

  @Test
  void anotherAnswerRetiresNothing() {
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, LIVE);

    CliRun run = cli("", CliRun.terminal("y", null), "integrations", "retire", "shop-eu");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("Not retired.");
    assertThat(api.requests("DELETE", "/api/v1/integrations/shop-eu")).isEmpty();
  }

  @Test
  void withoutATerminalOrYesItRefusesToGuess() {
    api.answer("GET", "/api/v1/integrations/shop-eu", 200, LIVE);

    CliRun run = cli("", Terminal.none(), "integrations", "retire", "shop-eu");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("pass --yes");
    assertThat(api.requests("DELETE", "/api/v1/integrations/shop-eu")).isEmpty();
  }

  @Test
  void aRetiredOneIsAnApiError() {
    api.answer(
        "DELETE",
        "/api/v1/integrations/shop-eu",
        409,
        "{\"status\": 409, \"error\": \"conflict\", \"message\": \"integration 'shop-eu' was"
            + " retired on 2026-12-04T21:00:00Z by cgw_ab12cd34ef\"}");

    CliRun run = cli("integrations", "retire", "shop-eu", "--yes");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("was retired on 2026-12-04T21:00:00Z");
  }
}
