package io.convgate.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Paces the requests of one Hyros key under several sliding-window limits at once (by default 30
 * per second and 1,000 per minute). A request takes a token of every window, and gives them back
 * when its response arrives; see {@link TokenBucket} for why that makes the limits exact.
 */
public final class Pacer {

  private final Clock clock;
  private final List<TokenBucket> buckets;
  private final Duration pollWhenAllInFlight;
  private long pausedUntilMillis = Long.MIN_VALUE;

  /**
   * @param clock the time source
   * @param limits the windows to respect
   * @param guard added to every window, for clock granularity
   * @param pollWhenAllInFlight how long to wait when every token is held by a request in flight
   */
  public Pacer(
      Clock clock, List<WindowLimit> limits, Duration guard, Duration pollWhenAllInFlight) {
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("a pacer needs at least one window limit");
    }
    this.clock = clock;
    this.buckets = limits.stream().map(l -> new TokenBucket(l, guard.toMillis())).toList();
    this.pollWhenAllInFlight = pollWhenAllInFlight;
  }

  /**
   * Takes a token of every window if all have one free and returns {@link Duration#ZERO}; otherwise
   * takes nothing and returns how long to wait before asking again.
   */
  public synchronized Duration tryAcquire() {
    long now = clock.millis();
    if (now < pausedUntilMillis) {
      return Duration.ofMillis(pausedUntilMillis - now);
    }
    long wait = 0;
    for (TokenBucket bucket : buckets) {
      long bucketWait = bucket.waitMillis(now);
      wait = Math.max(wait, bucketWait < 0 ? pollWhenAllInFlight.toMillis() : bucketWait);
    }
    if (wait > 0) {
      return Duration.ofMillis(wait);
    }
    buckets.forEach(TokenBucket::take);
    return Duration.ZERO;
  }

  /** The response to an acquired request arrived (or the attempt ended without one): now. */
  public synchronized void release() {
    long now = clock.millis();
    buckets.forEach(b -> b.release(now));
  }

  /** Grants nothing before {@code until}, e.g. when Hyros answered 429 with Retry-After. */
  public synchronized void pauseUntil(Instant until) {
    pausedUntilMillis = Math.max(pausedUntilMillis, until.toEpochMilli());
  }
}
