package io.convgate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacerTest {

  private static final Duration GUARD = Duration.ofMillis(5);
  private static final Duration POLL = Duration.ofMillis(10);
  private static final long START = 1_800_000_000_000L;

  private final MutableClock clock = new MutableClock(START);

  private Pacer pacer(WindowLimit... limits) {
    return Pacer.startingWarm(clock, List.of(limits), GUARD, POLL);
  }

  @Test
  void aNewPacerSendsOneRequestAloneUntilItsResponseArrives() {
    Pacer pacer = new Pacer(clock, List.of(perSecond(3)), GUARD, POLL);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).as("second request while the first is out").isEqualTo(POLL);
    pacer.release();
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire())
        .as("the window is now the limit")
        .isEqualTo(Duration.ofMillis(1_005));
  }

  @Test
  void whenHyrosCountsLessLeftThanThePacerTheRestWaitsForTheReset() {
    // A rebalance moved the integration here; its previous owner used 28 of 30 this second.
    Pacer pacer = new Pacer(clock, List.of(perSecond(30), perMinute(1000)), GUARD, POLL);
    assertThat(pacer.tryAcquire()).isZero();
    Instant reset = Instant.ofEpochMilli(START + 800);
    pacer.observe(1, reset);
    pacer.release();
    assertThat(pacer.tryAcquire()).as("the one request Hyros still allows").isZero();
    assertThat(pacer.tryAcquire()).as("nothing more before the reset").isPositive();
    clock.setMillis(START + 800);
    assertThat(pacer.tryAcquire()).isZero();
  }

  @Test
  void aConfiguredLimitFarAboveWhatHyrosAllowsCostsNoMemory() {
    // Configured for 100 million a minute; Hyros says 5 are left until the reset.
    Pacer pacer = pacer(perMinute(100_000_000));
    pacer.tryAcquire();
    pacer.observe(5, Instant.ofEpochMilli(START + 2_000));
    pacer.release();
    for (int i = 0; i < 5; i++) {
      assertThat(pacer.tryAcquire()).as("grant %d", i).isZero();
    }
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(2_000));
    clock.setMillis(START + 2_000);
    assertThat(pacer.tryAcquire()).isZero();
  }

  @Test
  void whenThePacerIsTheOnlyUserHyrosCountsChangeNothing() {
    Pacer pacer = pacer(perSecond(3));
    pacer.tryAcquire();
    pacer.tryAcquire();
    // Hyros has seen both requests: one left this second, as the pacer also thinks.
    pacer.observe(1, Instant.ofEpochMilli(START + 1_000));
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isEqualTo(POLL);
  }

  private static WindowLimit perSecond(int n) {
    return new WindowLimit(n, Duration.ofSeconds(1));
  }

  private static WindowLimit perMinute(int n) {
    return new WindowLimit(n, Duration.ofMinutes(1));
  }

  @Test
  void grantsUpToTheLimitThenAsksToPollWhileAllAreInFlight() {
    Pacer pacer = pacer(perSecond(3));
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ZERO);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ZERO);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ZERO);

    assertThat(pacer.tryAcquire()).isPositive().isEqualTo(POLL);
    clock.advanceMillis(5_000);
    assertThat(pacer.tryAcquire()).as("with no response, time alone frees nothing").isEqualTo(POLL);
  }

  @Test
  void aReleasedTokenComesBackOneWindowPlusGuardAfterTheResponse() {
    Pacer pacer = pacer(perSecond(3));
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.tryAcquire()).isZero();
    }
    clock.advanceMillis(200);
    long t = clock.millis();
    pacer.release();

    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(1_005));
    clock.setMillis(t + 1_000);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(5));
    clock.setMillis(t + 1_004);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(1));
    clock.setMillis(t + 1_005);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).as("only one token came back").isEqualTo(POLL);
  }

  @Test
  void tokensComeBackInTheOrderOfTheirResponses() {
    Pacer pacer = pacer(perSecond(2));
    pacer.tryAcquire();
    pacer.tryAcquire();
    clock.setMillis(START + 100);
    pacer.release();
    clock.setMillis(START + 400);
    pacer.release();

    clock.setMillis(START + 1_105);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(300));
    clock.setMillis(START + 1_405);
    assertThat(pacer.tryAcquire()).isZero();
  }

  @Test
  void theMinuteWindowBindsAfterItsLimit() {
    Pacer pacer = pacer(perSecond(5), perMinute(8));
    for (int i = 0; i < 5; i++) {
      assertThat(pacer.tryAcquire()).as("grant %d", i + 1).isZero();
    }
    clock.setMillis(START + 10);
    for (int i = 0; i < 5; i++) {
      pacer.release();
    }
    assertThat(pacer.tryAcquire()).as("second window").isEqualTo(Duration.ofMillis(1_005));

    clock.setMillis(START + 1_015);
    for (int i = 5; i < 8; i++) {
      assertThat(pacer.tryAcquire()).as("grant %d", i + 1).isZero();
    }
    // 3 in flight and 5 returning: the second window has room, the minute window has none. The
    // minute's tokens come back a window and the guard after their responses (10 + 60,005 ms),
    // rounded up to the minute's quantum of 60 ms: at 60,060 ms.
    Duration wait = pacer.tryAcquire();
    assertThat(wait).isEqualTo(Duration.ofMillis(60_060 - 1_015));

    clock.setMillis(START + 60_059);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(1));
    clock.setMillis(START + 60_060);
    assertThat(pacer.tryAcquire()).isZero();
  }

  @Test
  void aRefusedRequestTakesNoTokenFromAnyWindow() {
    Pacer pacer = pacer(perSecond(1), perSecond(2));
    assertThat(pacer.tryAcquire()).isZero();
    for (int i = 0; i < 10; i++) {
      assertThat(pacer.tryAcquire()).isPositive();
    }
    pacer.release();
    clock.advanceMillis(1_005);
    assertThat(pacer.tryAcquire()).isZero();
    assertThat(pacer.tryAcquire()).isPositive();
  }

  @Test
  void pauseUntilGrantsNothingBeforeTheInstant() {
    Pacer pacer = pacer(perSecond(10));
    Instant until = clock.instant().plusSeconds(5);
    pacer.pauseUntil(until);

    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofSeconds(5));
    clock.setMillis(until.toEpochMilli() - 1);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofMillis(1));
    clock.setMillis(until.toEpochMilli());
    for (int i = 0; i < 10; i++) {
      assertThat(pacer.tryAcquire()).as("the pause took no tokens").isZero();
    }
  }

  @Test
  void anEarlierPauseDoesNotShortenALaterOne() {
    Pacer pacer = pacer(perSecond(10));
    pacer.pauseUntil(clock.instant().plusSeconds(30));
    pacer.pauseUntil(clock.instant().plusSeconds(2));
    clock.advanceMillis(2_000);
    assertThat(pacer.tryAcquire()).isEqualTo(Duration.ofSeconds(28));
  }

  @Test
  void needsAtLeastOneWindow() {
    assertThatThrownBy(() -> new Pacer(clock, List.of(), GUARD, POLL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WindowLimit(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WindowLimit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- the core guarantee, simulated -----------------------------------------------------------

  @Test
  void noSlidingWindowEverReceivesMoreThanItsLimitAndTheMinuteLimitIsUsedFully() {
    for (long seed : new long[] {1, 2, 3, 42, 20261120}) {
      Simulation run = simulate(seed, 600_000, 300, perSecond(20), perMinute(300));

      assertThat(run.maxArrivalsInAnyWindow(1_000))
          .as("seed %d, per second", seed)
          .isLessThanOrEqualTo(20);
      assertThat(run.maxArrivalsInAnyWindow(60_000))
          .as("seed %d, per minute", seed)
          .isLessThanOrEqualTo(300);
      long ideal = 300L * 10;
      assertThat(run.arrivals.length)
          .as("seed %d: requests in 10 minutes vs %d allowed", seed, ideal)
          .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * ideal))
          .isLessThanOrEqualTo((int) ideal);
    }
  }

  @Test
  void thePerSecondLimitHoldsWhenItIsTheOnlyOne() {
    for (long seed : new long[] {7, 8, 9}) {
      Simulation run = simulate(seed, 120_000, 300, perSecond(20));
      assertThat(run.maxArrivalsInAnyWindow(1_000)).as("seed %d", seed).isLessThanOrEqualTo(20);
      assertThat(run.arrivals.length).as("seed %d: it did send", seed).isGreaterThan(1_000);
    }
  }

  @Test
  void theSlidingWindowCheckDetectsABurst() {
    Simulation burst = new Simulation(new double[] {0, 100, 200, 999.9, 1_000, 1_500});
    assertThat(burst.maxArrivalsInAnyWindow(1_000)).isEqualTo(5);
    assertThat(burst.maxArrivalsInAnyWindow(500)).isEqualTo(3);
  }

  /** Arrival times at the server, in ms from the start, sorted. */
  private record Simulation(double[] arrivals) {

    /** The most arrivals in any closed window [a, a + window] (windows start at an arrival). */
    int maxArrivalsInAnyWindow(long window) {
      int max = 0;
      int end = 0;
      for (int start = 0; start < arrivals.length; start++) {
        while (end < arrivals.length && arrivals[end] <= arrivals[start] + window) {
          end++;
        }
        max = Math.max(max, end - start);
      }
      return max;
    }
  }

  /**
   * Sends as fast as the pacer allows, for {@code durationMillis} of simulated time. Each request
   * gets a random response latency in [0, maxLatency] ms and reaches the server at a random point
   * before its response. The sender, like the real one, sleeps the wait the pacer names; responses
   * release their tokens when they arrive.
   */
  private Simulation simulate(
      long seed, long durationMillis, int maxLatencyMillis, WindowLimit... limits) {
    Random random = new Random(seed);
    clock.setMillis(START);
    Pacer pacer = pacer(limits);
    PriorityQueue<Long> responses = new PriorityQueue<>();
    List<Double> arrivals = new ArrayList<>();
    long end = START + durationMillis;
    long nextTry = START;
    while (true) {
      long nextResponse = responses.isEmpty() ? Long.MAX_VALUE : responses.peek();
      long now = Math.min(nextTry, nextResponse);
      if (now >= end) {
        break;
      }
      clock.setMillis(now);
      while (!responses.isEmpty() && responses.peek() <= now) {
        responses.poll();
        pacer.release();
      }
      if (now >= nextTry) {
        Duration wait;
        while ((wait = pacer.tryAcquire()).isZero()) {
          long latency = random.nextInt(maxLatencyMillis + 1);
          double arrival = now + random.nextDouble() * latency;
          arrivals.add(arrival - START);
          responses.add(now + latency);
        }
        assertThat(wait).isPositive();
        nextTry = now + wait.toMillis();
      }
    }
    double[] sorted = arrivals.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new Simulation(sorted);
  }
}
