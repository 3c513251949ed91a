package io.convgate.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code sync_jobs} and {@code sync_runs} tables: jobs, their cursor, their lease, runs. */
@ApplicationScoped
public class JobStore {

  private static final String COLUMNS =
      "integration_id, resource, interval_seconds, overlap_seconds, trailing_seconds, enabled,"
          + " watermark, run_from, run_to, page_id, run_started_at, next_run_at, last_success_at,"
          + " last_failure_at, last_error, failures_in_a_row, records_read, records_published";

  private final Pool pool;

  public JobStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates a job, or changes the schedule of an existing one (its cursor stays). */
  public Uni<SyncJob> upsert(
      String integrationId,
      SyncedResource resource,
      Duration interval,
      Duration overlap,
      Duration trailing,
      boolean enabled) {
    return pool.preparedQuery(
            "INSERT INTO sync_jobs (integration_id, resource, interval_seconds, overlap_seconds,"
                + " trailing_seconds, enabled) VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (integration_id, resource) DO UPDATE SET interval_seconds ="
                + " EXCLUDED.interval_seconds, overlap_seconds = EXCLUDED.overlap_seconds,"
                + " trailing_seconds = EXCLUDED.trailing_seconds, enabled = EXCLUDED.enabled"
                + " RETURNING "
                + COLUMNS)
        .execute(
            Tuple.of(
                integrationId,
                resource.code(),
                (int) interval.toSeconds(),
                (int) overlap.toSeconds(),
                (int) trailing.toSeconds(),
                enabled))
        .map(rows -> toJob(rows.iterator().next()));
  }

  public Uni<List<SyncJob>> list(String integrationId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM sync_jobs WHERE $1::text IS NULL OR integration_id = $1"
                + " ORDER BY integration_id, resource")
        .execute(Tuple.of(integrationId))
        .map(JobStore::toJobs);
  }

  public Uni<Optional<SyncJob>> find(String integrationId, SyncedResource resource) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM sync_jobs WHERE integration_id = $1 AND resource = $2")
        .execute(Tuple.of(integrationId, resource.code()))
        .map(rows -> toJobs(rows).stream().findFirst());
  }

  /** Makes the job due now; false if there is no such job. */
  public Uni<Boolean> runNow(String integrationId, SyncedResource resource) {
    return pool.preparedQuery(
            "UPDATE sync_jobs SET next_run_at = now() WHERE integration_id = $1 AND resource = $2")
        .execute(Tuple.of(integrationId, resource.code()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Enabled jobs that are due, or have a run under way, and that no live lease holds. */
  Uni<List<SyncJob>> runnable() {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM sync_jobs WHERE enabled AND (next_run_at <= now() OR run_from IS NOT NULL)"
                + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_run_at")
        .execute()
        .map(JobStore::toJobs);
  }

  /** Takes the job's lease for {@code owner}; the job as claimed, or empty if another holds it. */
  Uni<Optional<SyncJob>> claim(SyncJob job, String owner, Duration lease) {
    return pool.preparedQuery(
            "UPDATE sync_jobs SET lease_owner = $3, lease_until = now() + $4::bigint * interval"
                + " '1 millisecond' WHERE integration_id = $1 AND resource = $2 AND (lease_until"
                + " IS NULL OR lease_until < now() OR lease_owner = $3) RETURNING "
                + COLUMNS)
        .execute(Tuple.of(job.integrationId(), job.resource().code(), owner, lease.toMillis()))
        .map(rows -> toJobs(rows).stream().findFirst());
  }

  /** Records the window of a new run (its first page next). */
  Uni<Void> start(RunTarget run, String owner) {
    return pool.preparedQuery(
            "UPDATE sync_jobs SET run_from = $3, run_to = $4, page_id = NULL, run_started_at = $5,"
                + " run_read = 0, run_published = 0 WHERE integration_id = $1 AND resource = $2"
                + " AND lease_owner = $6")
        .execute(
            Tuple.from(
                Arrays.asList(
                    run.integrationId(),
                    run.resource().code(),
                    at(run.window().from()),
                    at(run.window().to()),
                    at(run.startedAt()),
                    owner)))
        .replaceWithVoid();
  }

  /**
   * Ends a run that read its whole window: the watermark moves to its end, the next run is due one
   * interval after this one started, the lease is let go.
   */
  Uni<Void> succeed(RunTarget run, String owner, long read, long published) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE sync_jobs SET watermark = run_to, run_from = NULL, run_to = NULL,"
                        + " page_id = NULL, next_run_at = run_started_at + interval_seconds *"
                        + " interval '1 second', last_success_at = now(), failures_in_a_row = 0,"
                        + " last_error = NULL, lease_owner = NULL, lease_until = NULL"
                        + " WHERE integration_id = $1 AND resource = $2 AND lease_owner = $3")
                .execute(Tuple.of(run.integrationId(), run.resource().code(), owner))
                .chain(
                    () ->
                        tx.preparedQuery(RunLog.INSERT)
                            .execute(RunLog.row(run, true, read, published, null)))
                .replaceWithVoid());
  }

  /** A run that failed keeps its cursor (the next attempt resumes it) and is tried again later. */
  Uni<Void> fail(
      RunTarget run, String owner, long read, long published, String error, Duration retry) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE sync_jobs SET last_failure_at = now(), last_error = $4,"
                        + " failures_in_a_row = failures_in_a_row + 1, next_run_at = now() +"
                        + " $5::bigint * interval '1 millisecond', lease_owner = NULL,"
                        + " lease_until = NULL WHERE integration_id = $1 AND resource = $2"
                        + " AND lease_owner = $3")
                .execute(
                    Tuple.of(
                        run.integrationId(), run.resource().code(), owner, error, retry.toMillis()))
                .chain(
                    () ->
                        tx.preparedQuery(RunLog.INSERT)
                            .execute(RunLog.row(run, false, read, published, error)))
                .replaceWithVoid());
  }

  /** The last runs of a job, newest first. */
  public Uni<List<RunLog.Run>> runs(String integrationId, SyncedResource resource, int limit) {
    return pool.preparedQuery(RunLog.SELECT)
        .execute(Tuple.of(integrationId, resource.code(), limit))
        .map(RunLog::toRuns);
  }

  private static List<SyncJob> toJobs(RowSet<Row> rows) {
    List<SyncJob> jobs = new ArrayList<>();
    rows.forEach(row -> jobs.add(toJob(row)));
    return jobs;
  }

  private static SyncJob toJob(Row row) {
    return new SyncJob(
        row.getString("integration_id"),
        SyncedResource.fromCode(row.getString("resource")).orElseThrow(),
        Duration.ofSeconds(row.getInteger("interval_seconds")),
        Duration.ofSeconds(row.getInteger("overlap_seconds")),
        Duration.ofSeconds(row.getInteger("trailing_seconds")),
        row.getBoolean("enabled"),
        instant(row, "watermark"),
        instant(row, "run_from"),
        instant(row, "run_to"),
        row.getString("page_id"),
        instant(row, "run_started_at"),
        instant(row, "next_run_at"),
        instant(row, "last_success_at"),
        instant(row, "last_failure_at"),
        row.getString("last_error"),
        row.getInteger("failures_in_a_row"),
        row.getLong("records_read"),
        row.getLong("records_published"));
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
