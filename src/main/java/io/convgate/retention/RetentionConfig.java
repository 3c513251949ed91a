package io.convgate.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code convgate.retention.*}: how long each growing table keeps its rows (decision 0040). The
 * ledger's horizon is the dedupe horizon: a key first claimed longer ago than it counts as never
 * seen, whether or not its row has been removed yet.
 */
@ConfigMapping(prefix = "convgate.retention")
public interface RetentionConfig {

  /** Whether this instance runs the removal job (the horizon at the claim applies regardless). */
  @WithDefault("true")
  boolean enabled();

  /** How often the removal job runs. Only one instance of those sharing the database runs it. */
  @WithDefault("10m")
  Duration interval();

  /** Rows removed per statement: small enough that no statement holds locks or I/O for long. */
  @WithDefault("5000")
  @Min(100)
  @Max(100_000)
  int batchSize();

  /** The most statements one run of the job issues per table; the rest waits for the next run. */
  @WithDefault("200")
  @Min(1)
  int maxBatchesPerRun();

  /**
   * The dedupe horizon: how long a delivered (or dead-lettered) key is remembered, counted from its
   * first claim. A key read again inside it is skipped; after it, it is delivered as new.
   */
  @WithDefault("30d")
  Duration ledgerHorizon();

  /** How long a resolved (replayed or discarded) dead letter is kept after it was dead-lettered. */
  @WithDefault("90d")
  Duration deadLetters();

  /** How long an audit row is kept. */
  @WithDefault("365d")
  Duration auditLog();

  /** How long a finished replay job (and its items) is kept after it finished. */
  @WithDefault("90d")
  Duration replayJobs();

  /**
   * How long a finished sync run (one row per run of a sync job or backfill, shown in the job's
   * history) is kept.
   */
  @WithDefault("30d")
  Duration syncRuns();

  /**
   * How long the fingerprint of a record read back from Hyros is kept after it last changed. A
   * scheduled sync re-reads at most its trailing window (30 days by default), so an older
   * fingerprint only matters to a backfill, which then publishes the record again (the change
   * topics are compacted: its consumers see the same value again).
   */
  @WithDefault("90d")
  Duration syncRecords();

  /**
   * How long a thing's change clock (the business time of its newest accepted change, decision
   * 0043) is kept after it last moved. Past it, a change of the thing older than the last one
   * accepted is no longer recognised as stale: keep it longer than any replay or re-publication of
   * old changes.
   */
  @WithDefault("365d")
  Duration changeClocks();
}
