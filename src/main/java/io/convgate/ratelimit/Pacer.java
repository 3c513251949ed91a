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
  private final List<WindowLimit> limits;
  private final Duration pollWhenAllInFlight;
  private int inFlight;
  private long pausedUntilMillis = Long.MIN_VALUE;
  private boolean warm;

  /**
   * @param clock the time source
   * @param limits the windows to respect
   * @param guard added to every window, for clock granularity
   * @param pollWhenAllInFlight how long to wait when every token is held by a request in flight
   */
  public Pacer(
      Clock clock, List<WindowLimit> limits, Duration guard, Duration pollWhenAllInFlight) {
    this(clock, limits, guard, pollWhenAllInFlight, false);
  }

  /**
   * A pacer that already knows the key's state, as if a first response had come back: for tests of
   * the window arithmetic alone.
   */
  static Pacer startingWarm(
      Clock clock, List<WindowLimit> limits, Duration guard, Duration pollWhenAllInFlight) {
    return new Pacer(clock, limits, guard, pollWhenAllInFlight, true);
  }

  private Pacer(
      Clock clock,
      List<WindowLimit> limits,
      Duration guard,
      Duration pollWhenAllInFlight,
      boolean warm) {
    this.warm = warm;
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("a pacer needs at least one window limit");
    }
    this.clock = clock;
    this.limits = List.copyOf(limits);
    this.buckets = limits.stream().map(l -> new TokenBucket(l, guard.toMillis())).toList();
    this.pollWhenAllInFlight = pollWhenAllInFlight;
  }

  /** The windows this pacer respects. */
  public List<WindowLimit> limits() {
    return limits;
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
    if (!warm && inFlight > 0) {
      // Cold: one request at a time until Hyros has said how much of the window is left.
      return pollWhenAllInFlight;
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
    inFlight++;
    return Duration.ZERO;
  }

  /**
   * Takes a token for a read, a request of lower priority than a delivery: only while, after taking
   * it, every window keeps at least {@code reservedShare} of its limit free for deliveries. A read
   * therefore never holds a token a delivery could have used beyond the share reads may use ({@code
   * 1 - reservedShare}), whatever the two do, and both together still respect every window: a read
   * token is an ordinary token, given back by {@link #release()} like any other. Deliveries ({@link
   * #tryAcquire()}) are unchanged and never look at this.
   *
   * @param reservedShare the share of each window reads leave to deliveries, in [0, 1]
   * @return {@link Duration#ZERO} if a token was taken, otherwise how long to wait
   */
  public synchronized Duration tryAcquireRead(double reservedShare) {
    long now = clock.millis();
    if (now < pausedUntilMillis) {
      return Duration.ofMillis(pausedUntilMillis - now);
    }
    if (!warm && inFlight > 0) {
      return pollWhenAllInFlight;
    }
    long wait = 0;
    for (int i = 0; i < buckets.size(); i++) {
      TokenBucket bucket = buckets.get(i);
      int reserve = reserveOf(limits.get(i), reservedShare);
      int free = bucket.available(now);
      if (free - 1 < reserve) {
        long bucketWait = bucket.waitMillis(now);
        // The next token back may still be inside the reserve: look again then, or after a poll.
        wait = Math.max(wait, bucketWait <= 0 ? pollWhenAllInFlight.toMillis() : bucketWait);
      }
    }
    if (wait > 0) {
      return Duration.ofMillis(wait);
    }
    buckets.forEach(TokenBucket::take);
    inFlight++;
    return Duration.ZERO;
  }

  /** The tokens of a window that reads leave free: at least one when anything is reserved. */
  static int reserveOf(WindowLimit limit, double reservedShare) {
    if (reservedShare <= 0) {
      return 0;
    }
    return (int) Math.min(limit.requests(), Math.ceil(limit.requests() * reservedShare));
  }

  /** The response to an acquired request arrived (or the attempt ended without one): now. */
  public synchronized void release() {
    if (inFlight == 0) {
      // A response to a request of the pacer this one replaced (the limits changed): it says
      // nothing of this pacer's tokens, and must not warm it before Hyros' headers have.
      return;
    }
    long now = clock.millis();
    buckets.forEach(b -> b.release(now));
    inFlight = Math.max(0, inFlight - 1);
    warm = true;
  }

  /**
   * What Hyros said of the key's quota in a response ({@code X-RateLimit-Remaining}, for the most
   * restrictive window, and {@code X-RateLimit-Reset}). When Hyros counts fewer requests left than
   * this pacer thinks it has, something else used the key (another tool, or the previous owner of
   * the integration before a rebalance): the tokens beyond {@code remaining} come back only at
   * {@code resetAt}, so the window is not overrun. When this pacer is the key's only user it never
   * thinks it has more left than Hyros does, and this changes nothing.
   */
  public synchronized void observe(int remaining, Instant resetAt) {
    long now = clock.millis();
    int available = Integer.MAX_VALUE;
    for (TokenBucket bucket : buckets) {
      available = Math.min(available, bucket.available(now));
    }
    if (remaining < available) {
      buckets.forEach(b -> b.reserveBeyond(remaining, resetAt.toEpochMilli()));
    }
  }

  /** Each window's limit and the tokens free in it now. */
  public synchronized List<WindowState> snapshot() {
    long now = clock.millis();
    List<WindowState> states = new java.util.ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      states.add(new WindowState(limits.get(i), buckets.get(i).available(now)));
    }
    return states;
  }

  /** Grants nothing before {@code until}, e.g. when Hyros answered 429 with Retry-After. */
  public synchronized void pauseUntil(Instant until) {
    pausedUntilMillis = Math.max(pausedUntilMillis, until.toEpochMilli());
  }
}
