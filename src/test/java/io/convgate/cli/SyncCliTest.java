package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncCliTest extends FakeAdminApiTest {

  private static final String RUNNING =
      """
      {"id": "bf-1", "integrationId": "shop-eu", "resource": "sales", "state": "RUNNING",
       "pages": 3, "recordsRead": 750, "recordsPublished": 740,
       "windowFrom": "2026-09-06T12:05:00Z", "windowTo": "2026-12-04T12:00:00Z"}""";

  private static final String DONE =
      """
      {"id": "bf-1", "integrationId": "shop-eu", "resource": "sales", "state": "SUCCEEDED",
       "pages": 30, "recordsRead": 7500, "recordsPublished": 7500,
       "windowFrom": "2026-09-06T12:05:00Z", "windowTo": "2026-12-04T12:00:00Z"}""";

  @Test
  void aBackfillIsStartedWithItsRangeAndFollowedToItsEnd() {
    api.answer("POST", "/api/v1/sync/backfills", 202, RUNNING);
    api.answer("GET", "/api/v1/sync/backfills/bf-1", 200, DONE);

    CliRun run =
        cli(
            "sync",
            "backfill",
            "shop-eu",
            "sales",
            "--from",
            "2026-08-01T00:00:00Z",
            "--to",
            "2026-12-04T12:00:00Z",
            "--follow");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(api.only("POST", "/api/v1/sync/backfills").body())
        .contains(
            "\"integrationId\":\"shop-eu\"", "\"resource\":\"sales\"", "2026-08-01T00:00:00Z");
    assertThat(run.out)
        .contains("backfill bf-1 RUNNING: 3 pages, 750 read")
        .contains("backfill bf-1 SUCCEEDED: 30 pages, 7500 read, 7500 published");
  }

  @Test
  void jobsAreListedWithTheirCursor() {
    api.answer(
        "GET",
        "/api/v1/sync/jobs",
        200,
        """
        {"items": [{"integrationId": "shop-eu", "resource": "sales", "interval": "PT15M",
          "watermark": "2026-12-04T11:45:00Z", "lastSuccessAt": "2026-12-04T11:45:03Z",
          "failuresInARow": 0, "recordsPublished": 7550}]}""");

    CliRun run = cli("sync", "jobs");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .containsPattern("INTEGRATION +RESOURCE +EVERY +WATERMARK")
        .containsPattern("shop-eu +sales +PT15M +2026-12-04T11:45:00Z");
  }
}
