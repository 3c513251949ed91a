package io.convgate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads take tokens from the deliveries' pacer at a lower priority (decision 0046). */
class PacerReadPriorityTest {

  private static final Duration GUARD = Duration.ofMillis(5);
  private static final Duration POLL = Duration.ofMillis(10);
  private static final long START = 1_800_000_000_000L;

  private final MutableClock clock = new MutableClock(START);

  private Pacer pacer() {
    return Pacer.startingWarm(
        clock,
        List.of(
            new WindowLimit(30, Duration.ofSeconds(1)),
            new WindowLimit(1000, Duration.ofMinutes(1))),
        GUARD,
        POLL);
  }

  @Test
  void aReadLeavesTheReservedShareOfEveryWindowToDeliveries() {
    Pacer pacer = pacer();
    int reads = 0;
    while (pacer.tryAcquireRead(0.5).isZero()) {
      reads++;
    }
    assertThat(reads).as("reads granted at once: half of the 30-per-second window").isEqualTo(15);
    int writes = 0;
    while (pacer.tryAcquire().isZero()) {
      writes++;
    }
    assertThat(writes).as("what deliveries still find free in the same second").isEqualTo(15);
  }

  @Test
  void withNothingReservedAReadMayUseTheWholeWindow() {
    Pacer pacer = pacer();
    int reads = 0;
    while (pacer.tryAcquireRead(0.0).isZero()) {
      reads++;
    }
    assertThat(reads).isEqualTo(30);
  }

  @Test
  void aReadWaitsWhileDeliveriesHoldTheWindow() {
    Pacer pacer = pacer();
    for (int i = 0; i < 20; i++) {
      assertThat(pacer.tryAcquire()).isZero();
    }
    assertThat(pacer.tryAcquireRead(0.5)).as("only 10 free, all reserved").isPositive();
    for (int i = 0; i < 20; i++) {
      pacer.release();
    }
    clock.advanceMillis(1_010);
    assertThat(pacer.tryAcquireRead(0.5)).as("a second later the window is free").isZero();
  }

  /**
   * Three simulated minutes in which deliveries and a backfill both ask for tokens every
   * millisecond (a delivery first, as a backlog would): both windows hold for the two together, and
   * deliveries get at least the reserved share of each window, reads the rest.
   */
  @Test
  void underFullDemandFromBothDeliveriesKeepTheirShareAndNoWindowIsExceeded() {
    Pacer pacer = pacer();
    List<Long> writes = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    java.util.ArrayDeque<Long> out = new java.util.ArrayDeque<>();
    long end = START + Duration.ofMinutes(3).toMillis();
    for (long now = START; now < end; now++) {
      clock.setMillis(now);
      // Responses take 20 ms.
      while (!out.isEmpty() && out.peekFirst() <= now - 20) {
        out.pollFirst();
        pacer.release();
      }
      while (pacer.tryAcquire().isZero()) {
        writes.add(now);
        all.add(now);
        out.addLast(now);
      }
      while (pacer.tryAcquireRead(0.6).isZero()) {
        all.add(now);
        out.addLast(now);
      }
    }
    assertThat(densest(all, 1000)).as("both, densest second").isLessThanOrEqualTo(30);
    assertThat(densest(all, 60_000)).as("both, densest minute").isLessThanOrEqualTo(1000);
    // Deliveries asked first every millisecond: they are never below their share.
    long minuteTwo = START + 60_000;
    long writesInMinuteTwo =
        writes.stream().filter(t -> t >= minuteTwo && t < minuteTwo + 60_000).count();
    assertThat(writesInMinuteTwo).isGreaterThanOrEqualTo(600);
  }

  @Test
  void readsNeverHoldMoreThanTheirShareWhenDeliveriesComeLate() {
    Pacer pacer = pacer();
    List<Long> writes = new ArrayList<>();
    long end = START + Duration.ofMinutes(3).toMillis();
    for (long now = START; now < end; now++) {
      clock.setMillis(now);
      // The backfill alone for the first 30 s, then deliveries at full demand too.
      while (pacer.tryAcquireRead(0.5).isZero()) {
        pacer.release();
      }
      if (now >= START + 30_000) {
        while (pacer.tryAcquire().isZero()) {
          writes.add(now);
          pacer.release();
        }
      }
    }
    long firstMinuteOfWrites =
        writes.stream().filter(t -> t >= START + 30_000 && t < START + 90_000).count();
    assertThat(firstMinuteOfWrites)
        .as("deliveries in their first minute, after the backfill took all it could")
        .isGreaterThanOrEqualTo(500);
  }

  private static long densest(List<Long> times, long window) {
    long best = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      while (times.get(to) - times.get(from) >= window) {
        from++;
      }
      best = Math.max(best, to - from + 1);
    }
    return best;
  }
}
