package io.convgate.ratelimit;

/**
 * A bucket of {@code requests} tokens for one sliding-window limit, in which a token comes back one
 * window (plus a guard) after the <em>response</em> to the request that took it. A server counts a
 * request when it arrives, and it arrives before its response, so any two requests that use the
 * same token reach the server at least a window apart however the network delays them: the bucket
 * can never let more than {@code requests} arrive in one window. A bucket refilled at a constant
 * rate, by contrast, lets up to twice its capacity through in one window. Not thread-safe; {@link
 * Pacer} serialises access.
 *
 * <p>A token comes back up to a thousandth of the window late ({@link ReturnTimes}): at most 1 ms
 * for a second, 60 ms for a minute, which costs at most 0.1 % of the limit and bounds the memory a
 * bucket holds whatever the traffic.
 */
final class TokenBucket {

  private final int capacity;
  private final long returnAfterMillis;
  private final ReturnTimes returningAt;
  private int inFlight;
  private int reserved;
  private long reservedUntilMillis = Long.MIN_VALUE;

  TokenBucket(WindowLimit limit, long guardMillis) {
    this.capacity = limit.requests();
    this.returnAfterMillis = limit.window().toMillis() + guardMillis;
    this.returningAt = new ReturnTimes(Math.max(1, limit.window().toMillis() / 1000));
  }

  /**
   * How long until a token is free: 0 if one is free now, -1 if every token is held by a request
   * still waiting for its response (only a response can free one).
   */
  long waitMillis(long nowMillis) {
    returningAt.expire(nowMillis);
    if (nowMillis >= reservedUntilMillis) {
      reserved = 0;
    }
    if (inFlight + returningAt.tokens() + reserved < capacity) {
      return 0;
    }
    long next = returningAt.next();
    if (reserved > 0) {
      next = Math.min(next, reservedUntilMillis);
    }
    return next == Long.MAX_VALUE ? -1 : next - nowMillis;
  }

  /** Tokens free at {@code nowMillis}. */
  int available(long nowMillis) {
    waitMillis(nowMillis);
    return Math.max(0, capacity - inFlight - returningAt.tokens() - reserved);
  }

  /**
   * Makes at most {@code remaining} tokens usable now (besides those in flight); the others come
   * back at {@code atMillis}. They are kept as one count, not one entry each, so a limit far above
   * what the server allows costs no memory.
   */
  void reserveBeyond(int remaining, long atMillis) {
    int extra = capacity - inFlight - returningAt.tokens() - reserved - Math.max(0, remaining);
    if (extra > 0) {
      reserved += extra;
      reservedUntilMillis = Math.max(reservedUntilMillis, atMillis);
    }
  }

  void take() {
    inFlight++;
  }

  /** The response to a request that took a token arrived at {@code respondedAtMillis}. */
  void release(long respondedAtMillis) {
    if (inFlight > 0) {
      inFlight--;
      returningAt.add(respondedAtMillis + returnAfterMillis);
    }
  }
}
