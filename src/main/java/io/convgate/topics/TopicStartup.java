package io.convgate.topics;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Provisions topics before the messaging channels start (this observer runs ahead of them), so that
 * consumers never subscribe to a topic that does not exist yet.
 */
@ApplicationScoped
public class TopicStartup {

  private final TopicsConfig config;
  private final String bootstrapServers;

  public TopicStartup(
      TopicsConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    if (!config.createOnStartup()) {
      return;
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      new TopicProvisioner(admin, config.timeout()).createMissing(TopicCatalog.fromClasspath());
    }
  }
}
