package io.convgate.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code convgate_routed_total{outcome,reason}}: one count per routed target of an event, by
 * outcome ({@code delivered-to}: a delivery command was published; {@code skipped}: the route led
 * where the event cannot go; {@code dead-lettered}: the target's destination cannot read it) and a
 * reason from a closed set (the rejection codes), never by route or integration: with thousands of
 * integrations (decision 0041) those would be thousands of series.
 */
@ApplicationScoped
public class RouteMetrics {

  static final String ROUTED = "convgate.routed";
  public static final String DELIVERED_TO = "delivered-to";
  public static final String SKIPPED = "skipped";
  public static final String DEAD_LETTERED = "dead-lettered";

  private final MeterRegistry registry;
  private final Counter deliveredTo;
  private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();

  public RouteMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.deliveredTo = counter(DELIVERED_TO, "none");
  }

  /** A routed target got its delivery command. */
  public void deliveredTo() {
    deliveredTo.increment();
  }

  /**
   * A routed target was left out.
   *
   * @param reason a rejection code (a closed set), e.g. {@code unknown-integration}
   */
  public void skipped(String reason) {
    skipped.computeIfAbsent(reason, r -> counter(SKIPPED, r)).increment();
  }

  /**
   * A routed target got a dead letter of its own: its destination cannot read the event.
   *
   * @param reason a rejection code (a closed set), e.g. {@code invalid-data}
   */
  public void deadLettered(String reason) {
    deadLettered.computeIfAbsent(reason, r -> counter(DEAD_LETTERED, r)).increment();
  }

  private Counter counter(String outcome, String reason) {
    return Counter.builder(ROUTED)
        .description(
            "Routed targets of events: given a delivery command, skipped or dead-lettered, and why")
        .tags("outcome", outcome, "reason", reason)
        .register(registry);
  }
}
