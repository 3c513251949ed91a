package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A destination without a key check is probed with its first parked delivery: when that delivery
 * fails, the next probe backs off as after a failed probe; a circuit that opens after one went
 * through starts over.
 */
class HoldsProbeByDeliveryTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-05T00:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final Holds holds =
      new Holds(clock, config(Duration.ofSeconds(1), Duration.ofSeconds(30)));

  @Test
  void aFailedProbeDeliveryBacksOff() {
    holds.hold("a", HoldReason.CIRCUIT_OPEN);
    pass(Duration.ofSeconds(1));
    assertThat(holds.probeDue("a")).isTrue();

    holds.startReleaseByDelivery("a");
    holds.hold("a", HoldReason.CIRCUIT_OPEN); // the probe delivery failed

    pass(Duration.ofSeconds(1));
    assertThat(holds.probeDue("a")).as("after 1 s: the interval doubled to 2 s").isFalse();
    pass(Duration.ofSeconds(1));
    assertThat(holds.probeDue("a")).isTrue();
  }

  @Test
  void aCircuitThatOpensAfterTheProbeDeliveryWentThroughStartsOver() {
    holds.hold("a", HoldReason.CIRCUIT_OPEN);
    pass(Duration.ofSeconds(1));
    holds.startReleaseByDelivery("a");
    holds.probeDeliveryPassed("a");
    holds.hold("a", HoldReason.CIRCUIT_OPEN); // a later delivery of the release failed

    pass(Duration.ofSeconds(1));
    assertThat(holds.probeDue("a")).as("the schedule started over at 1 s").isTrue();
  }

  private void pass(Duration duration) {
    now.set(now.get().plus(duration));
  }

  private static DeliveryConfig config(Duration initial, Duration max) {
    DeliveryConfig.Probe probe =
        (DeliveryConfig.Probe)
            Proxy.newProxyInstance(
                DeliveryConfig.Probe.class.getClassLoader(),
                new Class<?>[] {DeliveryConfig.Probe.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "initialInterval" -> initial;
                      case "maxInterval" -> max;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return (DeliveryConfig)
        Proxy.newProxyInstance(
            DeliveryConfig.class.getClassLoader(),
            new Class<?>[] {DeliveryConfig.class},
            (proxy, method, args) -> {
              if (method.getName().equals("probe")) {
                return probe;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
