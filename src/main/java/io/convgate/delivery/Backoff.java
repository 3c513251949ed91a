package io.convgate.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt n waits uniformly in [0, min(max, initial *
 * 2^(n-1))].
 */
final class Backoff {

  private static final int MAX_SHIFT = 30;

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The wait after the {@code failedAttempts}-th failure (1 for the first). */
  Duration after(int failedAttempts) {
    int shift = Math.min(Math.max(failedAttempts - 1, 0), MAX_SHIFT);
    long capMillis = Math.min(max.toMillis(), initial.toMillis() << shift);
    return Duration.ofMillis((long) (random.getAsDouble() * capMillis));
  }
}
