package io.convgate.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code convgate.sync.*}: reading Hyros back (leads, sales, calls, subscriptions) into change
 * topics. Per-job values (interval, overlap, trailing) are defaults a job may override.
 */
@ConfigMapping(prefix = "convgate.sync")
public interface SyncConfig {

  /** Whether this instance runs sync jobs and backfills at all. */
  @WithDefault("true")
  boolean enabled();

  /** How often the scheduler looks for due jobs and waiting backfills. */
  @WithDefault("5s")
  Duration tick();

  /** A job's default schedule: a run every this long. */
  @WithDefault("15m")
  Duration interval();

  /**
   * A job's default overlap: each run reads again this far before the last run's end (late writes).
   */
  @WithDefault("30m")
  Duration overlap();

  /**
   * A job's default trailing re-read: each run reads the records created this far back again, so
   * later changes to them (refunds, state changes) are seen. 0 turns it off.
   */
  @WithDefault("30d")
  Duration trailing();

  /** How far back Hyros lets a list endpoint look (about 90 days): no read goes further. */
  @WithDefault("90d")
  Duration lookBack();

  /** Records per page ({@code pageSize}, 1-250). */
  @WithDefault("250")
  int pageSize();

  /**
   * The share of each rate-limit window reads leave to deliveries: a read takes a token only while
   * at least this share of every window stays free (decision 0046). 1 stops reads entirely.
   */
  @WithDefault("0.5")
  double reservedForDeliveries();

  /**
   * How long a claim on a job or backfill lasts without progress: another instance may take it over
   * after that (a crashed runner). Renewed at every page.
   */
  @WithDefault("2m")
  Duration lease();

  /** A failed run is tried again this long after it failed (not a whole interval later). */
  @WithDefault("1m")
  Duration retryAfterFailure();

  /**
   * Whether an instance reads only for the integrations whose deliveries it owns (their partition
   * of convgate.deliveries), so that one pacer holds the key's whole budget.
   */
  @WithDefault("true")
  boolean ownersOnly();
}
