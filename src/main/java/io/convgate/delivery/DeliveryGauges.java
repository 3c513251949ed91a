package io.convgate.delivery;

import io.convgate.ledger.ParkedDeliveries;
import io.convgate.observe.ObserveConfig;
import io.convgate.pipeline.Periodic;
import io.convgate.ratelimit.RateLimiter;
import io.convgate.ratelimit.WindowState;
import io.convgate.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Gauges of the delivery stage's state, refreshed on a timer: rate-limiter tokens and limits per
 * integration and window, held integrations and why, parked deliveries per integration.
 */
@ApplicationScoped
public class DeliveryGauges {

  private static final Logger LOGGER = Logger.getLogger(DeliveryGauges.class);

  private final Periodic periodic;
  private final RateLimiter limiter;
  private final Holds holds;
  private final ParkedDeliveries park;
  private final Duration interval;
  private final MultiGauge available;
  private final MultiGauge limits;
  private final MultiGauge held;
  private final MultiGauge parked;

  public DeliveryGauges(
      Periodic periodic,
      RateLimiter limiter,
      Holds holds,
      ParkedDeliveries park,
      MeterRegistry registry,
      ObserveConfig config) {
    this.periodic = periodic;
    this.limiter = limiter;
    this.holds = holds;
    this.park = park;
    this.interval = config.refreshInterval();
    this.available = MultiGauge.builder("convgate.ratelimit.available.tokens").register(registry);
    this.limits = MultiGauge.builder("convgate.ratelimit.limit").register(registry);
    this.held = MultiGauge.builder("convgate.integration.held").register(registry);
    this.parked = MultiGauge.builder("convgate.parked.deliveries").register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    periodic.every(interval, this::refresh);
  }

  void refresh() {
    List<MultiGauge.Row<?>> tokenRows = new ArrayList<>();
    List<MultiGauge.Row<?>> limitRows = new ArrayList<>();
    for (Map.Entry<String, List<WindowState>> entry : limiter.snapshot().entrySet()) {
      for (WindowState window : entry.getValue()) {
        Tags tags =
            Tags.of(
                "integration", entry.getKey(), "window", window.limit().window().toSeconds() + "s");
        tokenRows.add(MultiGauge.Row.of(tags, window.available()));
        limitRows.add(MultiGauge.Row.of(tags, window.limit().requests()));
      }
    }
    available.register(tokenRows, true);
    limits.register(limitRows, true);
    List<MultiGauge.Row<?>> heldRows = new ArrayList<>();
    for (String id : holds.held()) {
      holds
          .heldFor(id)
          .ifPresent(
              reason ->
                  heldRows.add(
                      MultiGauge.Row.of(Tags.of("integration", id, "reason", reason.code()), 1)));
    }
    held.register(heldRows, true);
    park.parkedCounts()
        .subscribe()
        .with(
            counts ->
                parked.register(
                    counts.entrySet().stream()
                        .<MultiGauge.Row<?>>map(
                            e ->
                                MultiGauge.Row.of(Tags.of("integration", e.getKey()), e.getValue()))
                        .toList(),
                    true),
            failure ->
                LOGGER.debugf("parked gauge not refreshed: %s", LogSafe.of(failure, LogSafe.TEXT)));
  }
}
