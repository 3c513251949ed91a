package io.convgate.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared {@link TestStack} (real Kafka, real PostgreSQL, Hyros
 * sandbox). The stack outlives a single test class and stops with the JVM.
 */
public class StackResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new java.util.HashMap<>(TestStack.shared().gatewayConfig());
    config.put("quarkus.http.test-port", "0");
    // Integrations held because Hyros could not check their key are asked again soon.
    config.put("convgate.integrations.key-recheck-interval", "1s");
    return config;
  }

  @Override
  public void stop() {
    // The stack is shared across test classes and closed by a shutdown hook.
  }
}
