package io.convgate.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * before it starts its stack. The latch lives in the system properties: the test kit can be loaded
 * twice in one JVM (the application tests' class loader and the plain one), a static field would
 * not be shared.
 */
public final class PaceWindow implements TestExecutionListener {

  static final String SCENARIOS = "io.convgate.e2e.PaceScenariosIT";
  private static final String KEY = "testkit.pace-window";

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
      System.getProperties().put(KEY, new CountDownLatch(1));
    }
  }

  /** Lets the other process tests start; harmless when called again or when not closed. */
  public static void open() {
    if (System.getProperties().get(KEY) instanceof CountDownLatch latch) {
      latch.countDown();
    }
  }

  /** Waits until the window is open (at once when this run has no minute scenarios). */
  public static void awaitOpen() {
    if (!(System.getProperties().get(KEY) instanceof CountDownLatch latch)) {
      return;
    }
    try {
      if (!latch.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.println("PaceWindow: still closed after " + AT_MOST + "; starting anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
