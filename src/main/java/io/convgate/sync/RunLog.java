package io.convgate.sync;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of {@code sync_runs}: one per finished run of a job or backfill. */
public final class RunLog {

  static final String INSERT =
      "INSERT INTO sync_runs (integration_id, resource, backfill_id, window_from, window_to,"
          + " started_at, succeeded, records_read, published, error)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

  static final String SELECT =
      "SELECT backfill_id, window_from, window_to, started_at, finished_at, succeeded,"
          + " records_read, published, error FROM sync_runs WHERE integration_id = $1"
          + " AND resource = $2 ORDER BY finished_at DESC, id DESC LIMIT $3";

  /** One finished run. */
  public record Run(
      String backfillId,
      Instant windowFrom,
      Instant windowTo,
      Instant startedAt,
      Instant finishedAt,
      boolean succeeded,
      long recordsRead,
      long published,
      String error) {}

  private RunLog() {}

  static Tuple row(RunTarget run, boolean succeeded, long read, long published, String error) {
    return Tuple.from(
        Arrays.asList(
            run.integrationId(),
            run.resource().code(),
            run.backfillId(),
            JobStore.at(run.window().from()),
            JobStore.at(run.window().to()),
            JobStore.at(run.startedAt()),
            succeeded,
            read,
            published,
            error));
  }

  static List<Run> toRuns(RowSet<Row> rows) {
    List<Run> runs = new ArrayList<>();
    for (Row row : rows) {
      runs.add(
          new Run(
              row.getString("backfill_id"),
              JobStore.instant(row, "window_from"),
              JobStore.instant(row, "window_to"),
              JobStore.instant(row, "started_at"),
              JobStore.instant(row, "finished_at"),
              row.getBoolean("succeeded"),
              row.getLong("records_read"),
              row.getLong("published"),
              row.getString("error")));
    }
    return runs;
  }
}
