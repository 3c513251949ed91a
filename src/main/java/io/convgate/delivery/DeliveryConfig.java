package io.convgate.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** {@code convgate.delivery.*}: how the delivery stage sends. */
@ConfigMapping(prefix = "convgate.delivery")
public interface DeliveryConfig {

  /** Retries of retryable failures (I/O errors, timeouts, 408, 429, 5xx). */
  Retry retry();

  /**
   * How many ordering lanes of one integration may have a call in flight at once. Events with the
   * same ordering key (a sale and its refunds) always go one after another.
   */
  @WithDefault("8")
  @Min(1)
  int laneConcurrency();

  /**
   * How long the deliveries of a unit read from {@code convgate.deliveries} may wait for their
   * integrations' tokens. An integration whose deliveries are still waiting then is held ({@code
   * backlog}): what it has not sent yet is parked and the release sends it at its pace, so that a
   * unit, and every other integration in it, never waits on one integration's backlog. Checked at
   * least once a second while a delivery waits. Not set (the default): a unit waits as long as its
   * slowest integration needs. Opt-in until the release keeps a backlogged integration at its full
   * pace as the direct path does (decision 0060).
   */
  Optional<Duration> parkAfterTokenWait();

  /**
   * How long a delivery consumer that loses partitions of {@code convgate.deliveries} in a
   * rebalance waits, before letting the rebalance go on, for its polls in flight to finish the
   * calls already made and record them (calls not yet started are given up to the new owner). Must
   * stay well below {@code max.poll.interval.ms} (5 minutes), which bounds a rebalance.
   */
  @WithDefault("30s")
  Duration revocationTimeout();

  /** Probing an integration whose circuit is open. */
  Probe probe();

  /** Recording outcomes while a poll is being sent. */
  Record record();

  interface Record {
    /**
     * Outcomes are recorded in one statement per this many results. Smaller means fewer calls that
     * can reach Hyros twice after a crash; larger means fewer statements.
     */
    @WithDefault("100")
    @Min(1)
    int batchSize();

    /** ...or this long after the first unrecorded result, whichever comes first. */
    @WithDefault("250ms")
    Duration interval();
  }

  /** Releasing parked deliveries. */
  Release release();

  interface Probe {
    /** The first probe comes this long after the circuit opens. */
    @WithDefault("1s")
    Duration initialInterval();

    /** Probes back off, doubling, up to this interval. */
    @WithDefault("30s")
    Duration maxInterval();
  }

  interface Release {
    /** How often held integrations are looked at (probe due? key replaced? resumed?). */
    @WithDefault("1s")
    Duration checkInterval();

    /** Parked deliveries read and sent per round. */
    @WithDefault("200")
    @Min(1)
    int batchSize();

    /**
     * A parked delivery that still fails with a retryable error after this many calls, while its
     * integration's probes succeed, is dead-lettered as {@code retries-exhausted}: it is the
     * delivery, not Hyros, that fails, and it must not hold back the rest for ever.
     */
    @WithDefault("20")
    @Min(1)
    int maxAttempts();
  }

  interface Retry {
    /**
     * Calls made in a row for one delivery before its integration's circuit opens and the delivery
     * is parked (including the first). Kept small: a poll waits for them.
     */
    @WithDefault("3")
    @Min(1)
    int maxAttempts();

    /** The cap of the first backoff; each next cap doubles. The wait is uniform in [0, cap]. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** No single backoff is longer than this. */
    @WithDefault("2s")
    Duration maxBackoff();
  }
}
