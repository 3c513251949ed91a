package io.convgate.testkit.sandbox.hyperaktiv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox's opt-in limit, with explicit times. */
class HyperaktivSlidingLimitTest {

  private final SlidingLimit limit = new SlidingLimit();

  @Test
  void offUntilSet() {
    for (int i = 0; i < 1000; i++) {
      assertThat(limit.admit("k", 0)).isZero();
    }
  }

  @Test
  void perSecondWindowSlidesAndSaysHowLongToWait() {
    limit.set(2, 100);
    assertThat(limit.admit("k", 0)).isZero();
    assertThat(limit.admit("k", 400)).isZero();
    assertThat(limit.admit("k", 500)).isEqualTo(500);
    assertThat(limit.admit("other", 500)).as("a key of its own").isZero();
    assertThat(limit.admit("k", 999)).isEqualTo(1);
    assertThat(limit.admit("k", 1000)).isZero();
    assertThat(limit.admit("k", 1100)).isEqualTo(300);
  }

  @Test
  void perMinuteWindowCountsOnlyAdmittedRequests() {
    limit.set(10, 3);
    assertThat(limit.admit("k", 0)).isZero();
    assertThat(limit.admit("k", 10_000)).isZero();
    assertThat(limit.admit("k", 20_000)).isZero();
    assertThat(limit.admit("k", 30_000)).isEqualTo(30_000);
    assertThat(limit.admit("k", 59_999)).isEqualTo(1);
    assertThat(limit.admit("k", 60_000)).isZero();
    assertThat(limit.admit("k", 60_001)).isEqualTo(9_999);
  }

  @Test
  void settingAgainStartsAfresh() {
    limit.set(1, 1);
    assertThat(limit.admit("k", 0)).isZero();
    assertThat(limit.admit("k", 1)).isPositive();
    limit.set(1, 1);
    assertThat(limit.admit("k", 2)).isZero();
  }
}
