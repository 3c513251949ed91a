package io.convgate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class ReturnTimesTest {

  /** The exact schedule: every token back at its own time. */
  private static int exactTokensOut(PriorityQueue<Long> exact, long nowMillis) {
    return (int) exact.stream().filter(t -> t > nowMillis).count();
  }

  @Test
  void tokensComeBackNeverEarlyAndAtMostOneQuantumLate() {
    Random random = new Random(20261130L);
    for (int round = 0; round < 200; round++) {
      long quantum = 1 + random.nextInt(60);
      ReturnTimes ring = new ReturnTimes(quantum);
      PriorityQueue<Long> exact = new PriorityQueue<>();
      long now = random.nextInt(1_000_000);
      for (int step = 0; step < 500; step++) {
        now += random.nextInt(5);
        int responses = random.nextInt(4);
        for (int i = 0; i < responses; i++) {
          ring.add(now + 60_000);
          exact.add(now + 60_000);
        }
        ring.expire(now);
        assertThat(ring.tokens())
            .as("never early (quantum %d, now %d)", quantum, now)
            .isGreaterThanOrEqualTo(exactTokensOut(exact, now));
        assertThat(ring.tokens())
            .as("at most one quantum late (quantum %d, now %d)", quantum, now)
            .isLessThanOrEqualTo(exactTokensOut(exact, now - quantum + 1));
        long next = ring.next();
        long at = now;
        if (ring.tokens() > 0) {
          assertThat(next).isGreaterThan(at);
          assertThat(next)
              .isGreaterThanOrEqualTo(
                  exact.stream().filter(t -> t > at).min(Long::compare).orElseThrow());
        } else {
          assertThat(next).isEqualTo(Long.MAX_VALUE);
        }
      }
      // Everything comes back in the end.
      ring.expire(now + 60_000 + quantum);
      assertThat(ring.tokens()).isZero();
      assertThat(ring.entries()).isZero();
    }
  }

  @Test
  void aClockStepBackReturnsTheTokenLateNeverEarly() {
    ReturnTimes ring = new ReturnTimes(1);
    ring.add(10_000);
    ring.add(5_000); // responded "before" the previous one: the clock stepped back
    ring.expire(5_000);
    assertThat(ring.tokens()).as("not back at its own time: the newer entry holds it").isEqualTo(2);
    ring.expire(10_000);
    assertThat(ring.tokens()).isZero();
  }

  @Test
  void memoryFollowsTheWindowNotTheTraffic() {
    // A lifted limit at 10,000 responses/s for a minute: 600,000 tokens out, 1,000 entries.
    ReturnTimes ring = new ReturnTimes(60);
    long now = 0;
    for (int i = 0; i < 600_000; i++) {
      now = i / 10;
      ring.add(now + 60_005);
    }
    ring.expire(now);
    assertThat(ring.tokens()).isEqualTo(600_000);
    assertThat(ring.entries()).isLessThanOrEqualTo(60_000 / 60 + 1);
  }

  @Test
  void refusesAQuantumBelowOneMillisecond() {
    assertThatThrownBy(() -> new ReturnTimes(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
