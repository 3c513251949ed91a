package io.convgate.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Which creation dates a run reads (decision 0046). Hyros filters its list endpoints by the
 * record's creation date, and a record becomes readable only minutes after it was written, so a
 * scheduled run reads from the older of {@code watermark - overlap} (late writes) and {@code now -
 * trailing} (later changes to older records: refunds, state changes), never beyond what Hyros lets
 * one look back. Dates are whole seconds (decision 0032).
 */
public final class WindowPlanner {

  /** Kept off the look-back edge, so a request is not refused for a date a moment too old. */
  static final Duration EDGE = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration lookBack;

  public WindowPlanner(Clock clock, Duration lookBack) {
    this.clock = clock;
    this.lookBack = lookBack;
  }

  /** The oldest creation date Hyros lets one read now. */
  public Instant oldestReadable() {
    return now().minus(lookBack).plus(EDGE);
  }

  /**
   * The window of a scheduled run.
   *
   * @param watermark the {@code to} of the job's last complete run, or empty before its first
   */
  public ReadWindow scheduled(Optional<Instant> watermark, Duration overlap, Duration trailing) {
    Instant now = now();
    Instant from = now.minus(trailing.isZero() ? overlap : trailing);
    if (watermark.isPresent()) {
      Instant late = watermark.get().minus(overlap);
      if (late.isBefore(from)) {
        from = late;
      }
    }
    return new ReadWindow(max(from, oldestReadable()), now);
  }

  /**
   * The window of a backfill an operator asked for, cut to what Hyros lets one read; empty when
   * nothing of it is readable.
   */
  public Optional<ReadWindow> backfill(Instant from, Instant to) {
    Instant start = max(from.truncatedTo(ChronoUnit.SECONDS), oldestReadable());
    Instant now = now();
    Instant end = to.isAfter(now) ? now : to.truncatedTo(ChronoUnit.SECONDS);
    return start.isBefore(end) ? Optional.of(new ReadWindow(start, end)) : Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
