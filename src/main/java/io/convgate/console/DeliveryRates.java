package io.convgate.console;

import io.convgate.pipeline.Periodic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Deliveries per minute per integration, from the {@code convgate.deliveries} counter this instance
 * exports: sampled every 10 s, the rate is the growth over the last minute of samples.
 */
@ApplicationScoped
public class DeliveryRates {

  private static final Duration EVERY = Duration.ofSeconds(10);
  private static final Duration WINDOW = Duration.ofSeconds(60);

  private record Sample(Instant at, Map<String, Double> totals) {}

  private final MeterRegistry registry;
  private final Periodic periodic;
  private final Clock clock;
  private final Deque<Sample> samples = new ArrayDeque<>();

  public DeliveryRates(MeterRegistry registry, Periodic periodic, Clock clock) {
    this.registry = registry;
    this.periodic = periodic;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    sample();
    periodic.every(EVERY, this::sample);
  }

  synchronized void sample() {
    Instant now = clock.instant();
    samples.addLast(new Sample(now, totals()));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
      samples.removeFirst();
    }
  }

  /** Deliveries per minute of this integration over the last minute (0 when none). */
  public synchronized double perMinute(String integration) {
    if (samples.isEmpty()) {
      return 0;
    }
    Sample oldest = samples.peekFirst();
    Instant now = clock.instant();
    double seconds = Math.max(1, Duration.between(oldest.at(), now).toMillis() / 1000.0);
    double growth =
        totals().getOrDefault(integration, 0.0) - oldest.totals().getOrDefault(integration, 0.0);
    return Math.round(growth * 60.0 / seconds * 10.0) / 10.0;
  }

  private Map<String, Double> totals() {
    Map<String, Double> totals = new HashMap<>();
    for (Counter counter : registry.find("convgate.deliveries").counters()) {
      String integration = counter.getId().getTag("integration");
      if (integration != null && "delivered".equals(counter.getId().getTag("outcome"))) {
        totals.merge(integration, counter.count(), Double::sum);
      }
    }
    return totals;
  }
}
