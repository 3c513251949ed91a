package io.convgate.retention;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One table the retention job trims: the statement that removes one batch of its oldest expired
 * rows ($1 = age in seconds, $2 = batch size), and the setting that gives the age. Every statement
 * selects its victims through an index, oldest first, and checks them again as it deletes, so a row
 * that changed meanwhile (a ledger key claimed again as new) is left alone.
 */
public record RetainedTable(
    String name, String removeBatch, Function<RetentionConfig, Duration> age) {

  /**
   * Finished ledger rows past the dedupe horizon. CLAIMED and PARKED rows stay whatever their age:
   * they are not finished, and the park still refers to them.
   */
  public static final RetainedTable LEDGER =
      new RetainedTable(
          "delivery_ledger",
          """
          DELETE FROM delivery_ledger
          WHERE (integration_id, idempotency_key) IN (
              SELECT integration_id, idempotency_key FROM delivery_ledger
              WHERE created_at <= now() - $1::bigint * interval '1 second'
                AND state IN ('DELIVERED', 'DEAD_LETTERED')
              ORDER BY created_at LIMIT $2)
            AND created_at <= now() - $1::bigint * interval '1 second'
            AND state IN ('DELIVERED', 'DEAD_LETTERED')
          """,
          RetentionConfig::ledgerHorizon);

  /**
   * Finished replay jobs with their items. A job may have thousands of items, so a batch takes a
   * few jobs: one per 250 rows of the batch size.
   */
  public static final RetainedTable REPLAY_JOBS =
      new RetainedTable(
          "replay_jobs",
          """
          WITH old AS (
              SELECT id FROM replay_jobs
              WHERE finished_at IS NOT NULL
                AND finished_at <= now() - $1::bigint * interval '1 second'
              ORDER BY finished_at LIMIT greatest(1, $2 / 250)),
          items AS (
              DELETE FROM replay_items i USING old WHERE i.job_id = old.id)
          DELETE FROM replay_jobs j USING old WHERE j.id = old.id AND j.state <> 'RUNNING'
          """,
          RetentionConfig::replayJobs);

  /**
   * Resolved dead letters (replayed or discarded) older than the setting, once no kept replay job
   * refers to them. Open ones stay: they still wait for an operator.
   */
  public static final RetainedTable DEAD_LETTERS =
      new RetainedTable(
          "dead_letters",
          """
          DELETE FROM dead_letters d
          WHERE d.id IN (
              SELECT id FROM dead_letters
              WHERE state IN ('REPLAYED', 'DISCARDED')
                AND dead_lettered_at <= now() - $1::bigint * interval '1 second'
                AND (closed_at IS NULL OR closed_at <= now() - $1::bigint * interval '1 second')
              ORDER BY id LIMIT $2)
            AND d.state IN ('REPLAYED', 'DISCARDED')
            AND NOT EXISTS (SELECT 1 FROM replay_items i WHERE i.dead_letter_id = d.id)
          """,
          RetentionConfig::deadLetters);

  /** Audit rows older than the setting. */
  public static final RetainedTable AUDIT_LOG =
      new RetainedTable(
          "audit_log",
          """
          DELETE FROM audit_log
          WHERE id IN (
              SELECT id FROM audit_log
              WHERE at <= now() - $1::bigint * interval '1 second'
              ORDER BY at LIMIT $2)
          """,
          RetentionConfig::auditLog);

  /** Finished runs of sync jobs and backfills older than the setting. */
  public static final RetainedTable SYNC_RUNS =
      new RetainedTable(
          "sync_runs",
          """
          DELETE FROM sync_runs
          WHERE id IN (
              SELECT id FROM sync_runs
              WHERE finished_at <= now() - $1::bigint * interval '1 second'
              ORDER BY finished_at LIMIT $2)
          """,
          RetentionConfig::syncRuns);

  /** Fingerprints of records read back that have not changed for longer than the setting. */
  public static final RetainedTable SYNC_RECORDS =
      new RetainedTable(
          "sync_records",
          """
          DELETE FROM sync_records
          WHERE (integration_id, resource, hyros_id) IN (
              SELECT integration_id, resource, hyros_id FROM sync_records
              WHERE changed_at <= now() - $1::bigint * interval '1 second'
              ORDER BY changed_at LIMIT $2)
            AND changed_at <= now() - $1::bigint * interval '1 second'
          """,
          RetentionConfig::syncRecords);

  /** Change clocks that have not moved for longer than the setting. */
  public static final RetainedTable CHANGE_CLOCKS =
      new RetainedTable(
          "change_clocks",
          """
          DELETE FROM change_clocks
          WHERE (integration_id, thing) IN (
              SELECT integration_id, thing FROM change_clocks
              WHERE updated_at <= now() - $1::bigint * interval '1 second'
              ORDER BY updated_at LIMIT $2)
            AND updated_at <= now() - $1::bigint * interval '1 second'
          """,
          RetentionConfig::changeClocks);

  /** In the order they run: replay jobs before the dead letters their items refer to. */
  public static final List<RetainedTable> ALL =
      List.of(LEDGER, REPLAY_JOBS, DEAD_LETTERS, AUDIT_LOG, SYNC_RUNS, SYNC_RECORDS, CHANGE_CLOCKS);
}
