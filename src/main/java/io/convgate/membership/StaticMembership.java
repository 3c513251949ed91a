package io.convgate.membership;

import io.convgate.support.LogSafe;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Gives every Kafka consumer of this instance a {@code group.instance.id} built from {@code
 * convgate.membership.instance-id} and the consumer's client id, so that each copy of a channel
 * ({@code deliveries-in$1}...) has its own, and the same one after a restart. Kafka allows the
 * characters {@code [a-zA-Z0-9._-]} only; others become {@code -}. Producers have no group and are
 * left alone.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

  static final String GROUP_INSTANCE_ID = "group.instance.id";

  private static final Logger LOGGER = Logger.getLogger(StaticMembership.class);

  private final Optional<String> instanceId;

  public StaticMembership(MembershipConfig config) {
    this.instanceId = config.instanceId().map(String::trim).filter(id -> !id.isEmpty());
  }

  @Override
  public Map<String, Object> customize(
      String channel, Config channelConfig, Map<String, Object> config) {
    if (instanceId.isEmpty() || !config.containsKey("group.id")) {
      return config;
    }
    Object clientId = config.getOrDefault("client.id", channel);
    String id = memberId(instanceId.get(), String.valueOf(clientId));
    config.put(GROUP_INSTANCE_ID, id);
    LOGGER.infof(
        "channel=%s joins group=%s as static member=%s",
        LogSafe.of(channel), LogSafe.of(config.get("group.id")), LogSafe.of(id));
    return config;
  }

  /** The static member id of one consumer: unique per consumer of an instance, legal for Kafka. */
  static String memberId(String instanceId, String clientId) {
    return (instanceId + "." + clientId).replaceAll("[^a-zA-Z0-9._-]", "-");
  }
}
