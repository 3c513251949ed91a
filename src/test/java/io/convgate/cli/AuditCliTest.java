package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCliTest extends FakeAdminApiTest {

  private static final String ROWS =
      """
      {"items": [
        {"at": "2026-12-04T21:00:00Z", "actor": "unknown", "action": "api.refused",
         "target": "POST /api/v1/integrations", "outcome": "401",
         "detail": {"count": 300, "reason": "unknown-key"}},
        {"at": "2026-12-04T20:00:00Z", "actor": "cgw_ab12cd34ef (ops@shop.example)",
         "action": "integration.retire", "target": "integration shop-eu", "outcome": "ok",
         "detail": {"parked": 2}}]}""";

  @Test
  void listSendsTheFiltersAndShowsWhoDidWhatAndTheRefusals() {
    api.answer("GET", "/api/v1/audit", 200, ROWS);

    CliRun run =
        cli("audit", "list", "--action", "api.refused", "--target", "POST /api", "--limit", "20");

    assertThat(run.exitCode).as(run.toString()).isZero();
    FakeAdminApi.Request request = api.only("GET", "/api/v1/audit");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRun.API_KEY);
    assertThat(request.query())
        .containsEntry("action", "api.refused")
        .containsEntry("target", "POST /api")
        .containsEntry("limit", "20");
    assertThat(run.out)
        .containsPattern("AT +ACTOR +ACTION +TARGET +OUTCOME +DETAIL")
        .containsPattern("api\\.refused +POST /api/v1/integrations +401 +.*count.*300")
        .contains("integration.retire", "integration shop-eu");
  }

  @Test
  void aLimitOutOfRangeIsAUsageErrorAndCallsNothing() {
    CliRun run = cli("audit", "list", "--limit", "0");

    assertThat(run.exitCode).isEqualTo(ConvgateCli.EXIT_USAGE);
    assertThat(run.err).contains("--limit must be between 1 and 1000");
    assertThat(api.requests("GET", "/api/v1/audit")).isEmpty();
  }

  @Test
  void jsonOutputIsTheRowsWhole() {
    api.answer("GET", "/api/v1/audit", 200, ROWS);

    CliRun run = cli("--output", "json", "audit", "list");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("\"count\" : 300").contains("ops@shop.example");
  }
}
