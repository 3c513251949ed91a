package io.convgate.observe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code convgate.metrics.*}: what the lag monitor watches and how often; which CloudEvents sources
 * become label values; how often new integrations get their heartbeat gauge.
 */
@ConfigMapping(prefix = "convgate.metrics")
public interface ObserveConfig {

  /** How often consumer lag is computed from the broker. */
  @WithDefault("10s")
  Duration lagInterval();

  /**
   * How often the rate-limiter, held and parked gauges are refreshed ({@code
   * delivery/DeliveryGauges}). Declared here, in the mapping that owns {@code convgate.metrics}: a
   * property under that prefix that no mapping declares stops the application at start-up.
   */
  @WithName("refresh-interval")
  @WithDefault("5s")
  Duration refreshInterval();

  /** Consumer groups to watch, each with its comma-separated topics. */
  @WithDefault("convgate-ingest=billing.events,crm.events;convgate-delivery=convgate.deliveries")
  @WithName("lag-groups")
  String lagGroups();

  /** The Kafka cluster (the application's own). */
  @WithName("bootstrap-servers")
  @WithDefault("${kafka.bootstrap.servers}")
  String bootstrapServers();

  /**
   * CloudEvents sources that have their own series from start-up (and a silence alert even if they
   * never send); comma-separated.
   */
  Optional<List<String>> sources();

  /** How many more sources are learned from accepted events; the rest are counted as "other". */
  @WithName("learned-sources")
  @WithDefault("100")
  int learnedSources();

  /** How often integrations created meanwhile are looked for, to give them their gauges. */
  @WithName("integrations-interval")
  @WithDefault("1m")
  Duration integrationsInterval();

  /** {@link #lagGroups()} as group to topics. */
  default Map<String, String> groups() {
    Map<String, String> groups = new java.util.LinkedHashMap<>();
    for (String entry : lagGroups().split(";")) {
      String[] parts = entry.split("=", 2);
      groups.put(parts[0].trim(), parts[1].trim());
    }
    return groups;
  }
}
