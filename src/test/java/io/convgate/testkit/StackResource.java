package io.convgate.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared {@link TestStack} (real Kafka, real PostgreSQL, Hyros
 * sandbox). The stack outlives a single test class and stops with the JVM.
 */
public class StackResource implements QuarkusTestResourceLifecycleManager {

  /**
   * How long the application under test waits for a Hyros answer: 8 s, not the product's 15 s, so
   * that a test of a call answered after the timeout (TimeoutRepeatsTest) waits 9 s, not 16. The
   * slowest answer another test asks of the sandbox takes 6 s (RetireIntegrationTest).
   */
  public static final Duration HYROS_READ_TIMEOUT = Duration.ofSeconds(8);

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new java.util.HashMap<>(TestStack.shared().gatewayConfig());
    config.put("quarkus.http.test-port", "0");
    // Integrations held because Hyros could not check their key are asked again soon.
    config.put("convgate.integrations.key-recheck-interval", "1s");
    config.put(
        "quarkus.rest-client.hyros.read-timeout", Long.toString(HYROS_READ_TIMEOUT.toMillis()));
    // Consumer lag is computed every second (10 s by default): a test that reads it waits for it.
    config.put("convgate.metrics.lag-interval", "1s");
    // The rate-limiter, held and parked gauges every second (5 s by default); a start with it set
    // also proves the property is accepted (it once stopped the application: ObserveConfig).
    config.put("convgate.metrics.refresh-interval", "1s");
    return config;
  }

  @Override
  public void stop() {
    // The stack is shared across test classes and closed by a shutdown hook.
  }
}
