package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration INITIAL = Duration.ofMillis(200);
  private static final Duration MAX = Duration.ofSeconds(30);
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @Test
  void highestRandomApproachesTheDoublingCap() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> ALMOST_ONE);
    long[] caps = {200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000};
    for (int attempt = 1; attempt <= caps.length; attempt++) {
      long cap = caps[attempt - 1];
      assertThat(backoff.after(attempt).toMillis())
          .as("attempt %d", attempt)
          .isBetween(cap - 1, cap);
    }
  }

  @Test
  void lowestRandomWaitsNothing() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.0);
    for (int attempt : new int[] {1, 2, 5, 10, 1000}) {
      assertThat(backoff.after(attempt)).as("attempt %d", attempt).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void halfRandomWaitsHalfTheCap() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);
    assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.after(20)).isEqualTo(Duration.ofMillis(15_000));
  }

  @Test
  void neverExceedsMaxNorGoesNegativeForHugeAttemptNumbers() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> ALMOST_ONE);
    for (int attempt :
        new int[] {9, 10, 31, 32, 33, 63, 64, 65, 100, 1000, 100_000, Integer.MAX_VALUE}) {
      assertThat(backoff.after(attempt))
          .as("attempt %d", attempt)
          .isLessThanOrEqualTo(MAX)
          .isGreaterThanOrEqualTo(MAX.minusMillis(1));
    }
  }

  @Test
  void largeInitialBackoffStillCappedAtMax() {
    Backoff backoff = new Backoff(Duration.ofMinutes(10), Duration.ofHours(1), () -> ALMOST_ONE);
    for (int attempt : new int[] {1, 2, 3, 4, 10, 31, 1000}) {
      assertThat(backoff.after(attempt))
          .as("attempt %d", attempt)
          .isLessThanOrEqualTo(Duration.ofHours(1))
          .isPositive();
    }
  }
}
