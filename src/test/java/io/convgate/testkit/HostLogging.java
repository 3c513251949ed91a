package io.convgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.configuration.PropertyLogContextConfigurator;

/**
 * Applies the test resources' {@code logging.properties} when the JVM did not start with the JBoss
 * log manager, as under {@code exec:java} (the local stack, the benchmarks, the soak), where Maven
 * has already set up {@code java.util.logging}. Without it every logger of the broker, the Kafka
 * clients and Vert.x is enabled at TRACE: nothing is printed, but each message is formatted and
 * then dropped, which cost the hosting JVM about a tenth of its CPU at 1,000 events/s
 * (docs/benchmarks.md, seventh round). Surefire and Failsafe start their JVMs with the log manager,
 * which reads the same file itself.
 */
final class HostLogging {

  private static boolean applied;

  private HostLogging() {}

  static synchronized void configure() {
    if (applied || LogManager.getLogManager() instanceof org.jboss.logmanager.LogManager) {
      return;
    }
    try (InputStream properties =
        HostLogging.class.getClassLoader().getResourceAsStream("logging.properties")) {
      if (properties == null) {
        throw new IllegalStateException("logging.properties is missing from the test classpath");
      }
      new PropertyLogContextConfigurator().configure(LogContext.getSystemLogContext(), properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    applied = true;
  }
}
