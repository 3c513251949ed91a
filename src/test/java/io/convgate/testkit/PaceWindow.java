package io.convgate.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * While the rate-limit scenario of {@code PaceScenariosIT} sends its backlog, no other process test
 * runs; the application lane does (decision 0062). Its mark (100 calls in each second of 15) needs
 * a gateway the machine does not starve, and beside two other lanes on 2 cores it was starved for
 * seconds. The other scenarios of that class (sliding minutes) kept their marks beside two lanes.
 *
 * <p>Closed at the start of a run whose plan holds {@code PaceScenariosIT} (this class is also the
 * run's listener, registered through {@code META-INF/services}); opened by that class once the
 * rate-limit scenario has all its arrivals, or when it ends. Every other process test waits for it
 * before it starts its stack. Its state is a system property, not a static field: the test kit can
 * be loaded twice in one JVM (the application tests' class loader and the plain one). It is a
 * string, as every system property must be (a library that copies them, Narayana, fails on any
 * other value).
 */
public final class PaceWindow implements TestExecutionListener {

  static final String SCENARIOS = "io.convgate.e2e.PaceScenariosIT";
  private static final String KEY = "testkit.pace-window";
  private static final String CLOSED = "closed";
  private static final String OPEN = "open";

  /** No process test waits longer than this, whatever happened to the scenarios. */
  private static final Duration AT_MOST = Duration.ofMinutes(6);

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    boolean scenarios =
        plan.getRoots().stream()
            .flatMap(root -> plan.getDescendants(root).stream())
            .map(TestIdentifier::getSource)
            .flatMap(java.util.Optional::stream)
            .anyMatch(s -> s instanceof ClassSource c && c.getClassName().equals(SCENARIOS));
    if (scenarios) {
      System.setProperty(KEY, CLOSED);
    }
  }

  /** Lets the other process tests start; harmless when called again or when not closed. */
  public static void open() {
    if (System.getProperty(KEY) != null) {
      System.setProperty(KEY, OPEN);
    }
  }

  /** Waits until the window is open (at once when this run has no minute scenarios). */
  public static void awaitOpen() {
    try {
      await()
          .atMost(AT_MOST)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !CLOSED.equals(System.getProperty(KEY)));
    } catch (ConditionTimeoutException e) {
      System.out.println("PaceWindow: still closed after " + AT_MOST + "; starting anyway");
    }
  }
}
