package io.convgate.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code sync_backfills} table: backfills, their cursor and progress, their lease. */
@ApplicationScoped
public class BackfillStore {

  private static final String COLUMNS =
      "id, integration_id, resource, requested_from, requested_to, window_from, window_to, state,"
          + " pages, records_read, records_published, requested_by, created_at, started_at,"
          + " finished_at, last_error, page_id";

  private final Pool pool;

  public BackfillStore(Pool pool) {
    this.pool = pool;
  }

  public Uni<Backfill> create(
      String id,
      String integrationId,
      SyncedResource resource,
      Instant requestedFrom,
      Instant requestedTo,
      ReadWindow window,
      String requestedBy) {
    return pool.preparedQuery(
            "INSERT INTO sync_backfills (id, integration_id, resource, requested_from,"
                + " requested_to, window_from, window_to, state, requested_by) VALUES ($1, $2, $3,"
                + " $4, $5, $6, $7, 'PENDING', $8) RETURNING "
                + COLUMNS)
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    integrationId,
                    resource.code(),
                    JobStore.at(requestedFrom),
                    JobStore.at(requestedTo),
                    JobStore.at(window.from()),
                    JobStore.at(window.to()),
                    requestedBy)))
        .map(rows -> toBackfill(rows.iterator().next()));
  }

  public Uni<Optional<Backfill>> find(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM sync_backfills WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> toBackfills(rows).stream().findFirst());
  }

  public Uni<List<Backfill>> list(int limit) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM sync_backfills ORDER BY created_at DESC LIMIT $1")
        .execute(Tuple.of(limit))
        .map(BackfillStore::toBackfills);
  }

  /** Backfills not finished whose lease is free or expired, oldest first. */
  Uni<List<Backfill>> runnable() {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM sync_backfills WHERE state IN ('PENDING', 'RUNNING') AND (lease_until IS"
                + " NULL OR lease_until < now()) ORDER BY created_at")
        .execute()
        .map(BackfillStore::toBackfills);
  }

  Uni<Optional<Backfill>> claim(Backfill backfill, String owner, Duration lease) {
    return pool.preparedQuery(
            "UPDATE sync_backfills SET state = 'RUNNING', started_at = coalesce(started_at,"
                + " now()), lease_owner = $2, lease_until = now() + $3::bigint * interval"
                + " '1 millisecond' WHERE id = $1 AND state IN ('PENDING', 'RUNNING') AND"
                + " (lease_until IS NULL OR lease_until < now() OR lease_owner = $2) RETURNING "
                + COLUMNS)
        .execute(Tuple.of(backfill.id(), owner, lease.toMillis()))
        .map(rows -> toBackfills(rows).stream().findFirst());
  }

  Uni<Void> finish(RunTarget run, String owner, String error, long read, long published) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE sync_backfills SET state = $3, finished_at = now(), last_error = $4,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = $1 AND"
                        + " lease_owner = $2")
                .execute(
                    Tuple.of(
                        run.backfillId(), owner, error == null ? "SUCCEEDED" : "FAILED", error))
                .chain(
                    () ->
                        tx.preparedQuery(RunLog.INSERT)
                            .execute(RunLog.row(run, error == null, read, published, error)))
                .replaceWithVoid());
  }

  /** Lets go of a backfill that could not run now (it stays RUNNING and is taken up again). */
  Uni<Void> release(RunTarget run, String owner, String error) {
    return pool.preparedQuery(
            "UPDATE sync_backfills SET last_error = $3, lease_owner = NULL, lease_until = now() +"
                + " interval '30 seconds' WHERE id = $1 AND lease_owner = $2")
        .execute(Tuple.of(run.backfillId(), owner, error))
        .replaceWithVoid();
  }

  private static List<Backfill> toBackfills(RowSet<Row> rows) {
    List<Backfill> list = new ArrayList<>();
    rows.forEach(row -> list.add(toBackfill(row)));
    return list;
  }

  private static Backfill toBackfill(Row row) {
    return new Backfill(
        row.getString("id"),
        row.getString("integration_id"),
        SyncedResource.fromCode(row.getString("resource")).orElseThrow(),
        JobStore.instant(row, "requested_from"),
        JobStore.instant(row, "requested_to"),
        JobStore.instant(row, "window_from"),
        JobStore.instant(row, "window_to"),
        row.getString("state"),
        row.getInteger("pages"),
        row.getLong("records_read"),
        row.getLong("records_published"),
        row.getString("requested_by"),
        JobStore.instant(row, "created_at"),
        JobStore.instant(row, "started_at"),
        JobStore.instant(row, "finished_at"),
        row.getString("last_error"),
        row.getString("page_id"));
  }
}
