package io.convgate.ratelimit;

import java.time.Duration;
import java.util.List;

/** At most {@code requests} requests in any sliding window of length {@code window}. */
public record WindowLimit(int requests, Duration window) {

  public WindowLimit {
    if (requests < 1) {
      throw new IllegalArgumentException(
          "a window limit needs at least 1 request, got " + requests);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a window must be positive, got " + window);
    }
  }

  /**
   * A key's two windows, per second then per minute: the one list every user of a key's pacer
   * builds, so that deliveries, reads and key checks compare equal and share one pacer ({@link
   * RateLimiter} starts a new pacer when the list differs).
   */
  public static List<WindowLimit> perSecondAndMinute(int perSecond, int perMinute) {
    return List.of(
        new WindowLimit(perSecond, Duration.ofSeconds(1)),
        new WindowLimit(perMinute, Duration.ofMinutes(1)));
  }
}
