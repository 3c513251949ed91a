package io.convgate.observe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/** {@code convgate.metrics.*}: what the lag monitor watches and how often. */
@ConfigMapping(prefix = "convgate.metrics")
public interface ObserveConfig {

  /** How often consumer lag is computed from the broker. */
  @WithDefault("10s")
  Duration lagInterval();

  /** Consumer groups to watch, each with its comma-separated topics. */
  @WithDefault("convgate-ingest=billing.events,crm.events;convgate-delivery=convgate.deliveries")
  @WithName("lag-groups")
  String lagGroups();

  /** The Kafka cluster (the application's own). */
  @WithName("bootstrap-servers")
  @WithDefault("${kafka.bootstrap.servers}")
  String bootstrapServers();

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
