package io.convgate.ratelimit;

import java.time.Duration;

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
}
