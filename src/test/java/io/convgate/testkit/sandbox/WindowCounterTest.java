package io.convgate.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowCounterTest {

  @Test
  void refusesTheRequestOverTheLimitUntilTheOldestLeavesTheWindow() {
    WindowCounter second = new WindowCounter(3, 1000);
    second.record(100);
    second.record(400);
    second.record(900);

    assertThat(second.allows(999)).isFalse();
    assertThat(second.remaining(999)).isZero();
    assertThat(second.resetAt(999)).isEqualTo(1100);
    assertThat(second.allows(1100)).isTrue();
    assertThat(second.remaining(1100)).isEqualTo(1);
  }

  @Test
  void keepsEveryTimeInOrderWhileTheRingGrowsAroundItsEnd() {
    WindowCounter minute = new WindowCounter(1_000_000, 60_000);
    long now = 0;
    for (int i = 0; i < 50; i++) {
      minute.record(now++);
    }
    // the first 40 leave, so the ring's start moves; then it must grow past its first size
    assertThat(minute.remaining(60_039)).isEqualTo(1_000_000 - 10);
    for (int i = 0; i < 500; i++) {
      minute.record(60_040 + i);
    }

    // a time leaves when it is a whole window old: at 60,040 the request of 40 is gone
    assertThat(minute.remaining(60_040)).isEqualTo(1_000_000 - 509);
    assertThat(minute.resetAt(60_040)).isEqualTo(41 + 60_000);
    assertThat(minute.remaining(60_040 + 60_000)).isEqualTo(1_000_000 - 499);
    assertThat(minute.resetAt(60_040 + 60_000)).isEqualTo(60_041 + 60_000);
  }

  @Test
  void requestIdsAreThirtyTwoHexDigitsAndDoNotRepeat() {
    RequestIds ids = new RequestIds();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      assertThat(id).matches("[0-9a-f]{32}");
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }
}
