package io.convgate.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Starts the stack of the rate-limit scenarios ({@code PaceScenariosIT}) while JUnit discovers the
 * run's classes (decision 0067). Discovery builds the application tests' Quarkus application and
 * takes 10-12 s of one core; the scenarios' broker and PostgreSQL start on the other one, and every
 * process lane, which waits for the scenarios' first minute, starts that much earlier.
 *
 * <p>Only in a run that holds the scenarios and runs classes in parallel (the build's); registered
 * through {@code META-INF/services}. The class's {@code TestStack.startWithoutTopics} takes the
 * stack started here; one nobody takes is closed when the JVM ends.
 */
public final class EarlyStack implements LauncherDiscoveryListener {

  /** The scenarios' stack directory, as {@code PaceScenariosIT} names it. */
  public static final Path SCENARIOS_DIR = Path.of("target", "it-pace");

  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  private static final Map<Path, CompletableFuture<TestStack>> STARTED = new ConcurrentHashMap<>();

  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    boolean parallel = request.getConfigurationParameters().getBoolean(PARALLEL).orElse(false);
    boolean scenarios =
        request.getSelectorsByType(ClassSelector.class).stream()
            .anyMatch(selector -> selector.getClassName().equals(ProcessLanes.SCENARIOS));
    if (parallel && scenarios) {
      STARTED.computeIfAbsent(SCENARIOS_DIR.toAbsolutePath(), EarlyStack::start);
    }
  }

  private static CompletableFuture<TestStack> start(Path dir) {
    CompletableFuture<TestStack> stack =
        CompletableFuture.supplyAsync(
            () -> TestStack.startNow(dir, TestStack.StackPorts.ANY),
            task -> {
              Thread thread = new Thread(task, "early-stack");
              // Not discovery's class loader: the broker loads its classes through this one.
              thread.setContextClassLoader(EarlyStack.class.getClassLoader());
              thread.start();
            });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (STARTED.remove(dir) != null) {
                    stack.thenAccept(TestStack::close);
                  }
                }));
    return stack;
  }

  /** The stack started early in this directory, taken by its test; null when there is none. */
  static TestStack take(Path dir) {
    CompletableFuture<TestStack> stack = STARTED.remove(dir.toAbsolutePath());
    return stack == null ? null : stack.join();
  }
}
