package io.convgate.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each integration's heartbeat, {@code convgate_last_delivery_timestamp_seconds}: the unix time of
 * its last delivery, or of a moment known to be no later than it (its last delivery in an earlier
 * run, its creation). Kept apart from what this instance delivered itself, which is what it writes
 * back for the next start-up (decision 0057).
 */
public final class HeartbeatGauges {

  static final String NAME = "convgate.last.delivery.timestamp.seconds";

  /** The gauge's value, and the last delivery this instance made itself (0: none yet). */
  private static final class Heartbeat extends AtomicLong {
    volatile long delivered;
  }

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

  HeartbeatGauges(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** A delivery was made now. */
  void delivered(String integration) {
    long now = clock.millis() / 1000;
    Heartbeat heartbeat = heartbeat(integration);
    heartbeat.set(now);
    heartbeat.delivered = now;
  }

  /**
   * The integration's last delivery was at {@code at} or later (read at start-up): creates its
   * gauge, so that an integration that delivers nothing after start-up still has a series to alert
   * on.
   */
  public void deliveredSince(String integration, Instant at) {
    heartbeat(integration).accumulateAndGet(at.getEpochSecond(), Math::max);
  }

  /** A retired integration sends nothing again: its gauge goes. */
  public void retired(String integration) {
    if (heartbeats.remove(integration) != null) {
      Gauge gauge = registry.find(NAME).tag("integration", integration).gauge();
      if (gauge != null) {
        registry.remove(gauge);
      }
    }
  }

  /** The unix second of each integration's last delivery made by this instance, if it made one. */
  public Map<String, Long> deliveredHere() {
    Map<String, Long> delivered = new HashMap<>();
    heartbeats.forEach(
        (integration, heartbeat) -> {
          long at = heartbeat.delivered;
          if (at > 0) {
            delivered.put(integration, at);
          }
        });
    return delivered;
  }

  /** The last delivery this instance made for the integration, to the second; null if none. */
  public Instant deliveredHere(String integration) {
    Heartbeat heartbeat = heartbeats.get(integration);
    long at = heartbeat == null ? 0 : heartbeat.delivered;
    return at > 0 ? Instant.ofEpochSecond(at) : null;
  }

  private Heartbeat heartbeat(String integration) {
    return heartbeats.computeIfAbsent(
        integration,
        id -> {
          Heartbeat heartbeat = new Heartbeat();
          Gauge.builder(NAME, heartbeat, AtomicLong::doubleValue)
              .tags("integration", id)
              .register(registry);
          return heartbeat;
        });
  }
}
