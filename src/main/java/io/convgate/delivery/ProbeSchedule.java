package io.convgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When to probe an integration whose circuit is open: soon at first, then at doubling intervals up
 * to a maximum, so a long outage costs few calls and a short one is noticed quickly. Pure; not
 * thread-safe ({@link Holds} serialises access).
 */
final class ProbeSchedule {

  private final Clock clock;
  private final Duration initial;
  private final Duration max;
  private Duration interval;
  private Instant next;

  ProbeSchedule(Clock clock, Duration initial, Duration max) {
    this.clock = clock;
    this.initial = initial;
    this.max = max;
    this.interval = initial;
    this.next = clock.instant().plus(initial);
  }

  boolean due() {
    return !clock.instant().isBefore(next);
  }

  /** A probe failed: wait twice as long (up to the maximum) before the next. */
  void failed() {
    interval = interval.multipliedBy(2).compareTo(max) > 0 ? max : interval.multipliedBy(2);
    next = clock.instant().plus(interval);
  }

  /** Starts over, e.g. when the circuit opens again after having closed. */
  void reset() {
    interval = initial;
    next = clock.instant().plus(initial);
  }
}
