package io.convgate.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * How the process tests share the machine (decisions 0062, 0063): at most {@code
 * -Dtest.process-lanes} at a time (4 by default, set by the build; one more once the application
 * lane is done), and none beside the rate-limit scenario of {@code PaceScenariosIT} until it has
 * the arrivals of its first minute.
 *
 * <ul>
 *   <li>Lanes: a gateway start is a few seconds of both cores; four lanes beside the application
 *       lane once left CrashIT's restarted gateway 27 s from its first delivery, against a 15-s
 *       mark. Since CrashIT restarts at a higher priority (decision 0067) and the test JVM and the
 *       gateways' starts cost less (decision 0068), four lanes keep it at 6 s. Once every
 *       application and unit test class is done, the application lane's CPU is free, and a fifth
 *       lane opens. Process tests whose marks are not latencies start their gateways at a lower
 *       priority ({@link GatewayProcess#startAtLowPriority}).
 *   <li>The window: the first minute of the rate limit needs 30 calls in each second from a gateway
 *       the machine does not starve, and beside two other lanes it was starved for seconds. The
 *       rest of that class (sliding minutes, and the rate limit's second quota) kept its marks
 *       beside other lanes.
 * </ul>
 *
 * <p>Every process test is {@code @ExtendWith(ProcessLanes.Lane.class)}: it takes a lane before its
 * {@code @BeforeAll} methods and gives it back after its {@code @AfterAll} methods, and both are
 * printed with the time since the run started ({@code ProcessLanes: +105.2 s RebalanceIT takes a
 * lane}). The window is closed at the start of a run whose plan holds {@code PaceScenariosIT} and
 * runs tests in parallel (this class is also the run's listener, registered through {@code
 * META-INF/services}); that class opens it once the rate-limit scenario has its first minute's
 * arrivals, and it opens when the class ends or is skipped, whatever happened. The state is kept in
 * system properties, not static fields: the test kit can be loaded twice in one JVM (the
 * application tests' class loader and the plain one). They are strings, as every system property
 * must be (a library that copies them, Narayana, fails on any other value).
 */
public final class ProcessLanes implements TestExecutionListener {

  static final String SCENARIOS = "io.convgate.e2e.PaceScenariosIT";
  private static final String LANE = "io.convgate.testkit.ProcessLanes$Lane";
  private static final String KEY = "testkit.pace-window";
  private static final String IN_USE = "testkit.process-lanes.in-use";
  private static final String STARTED = "testkit.run-started";
  private static final String OTHERS_LEFT = "testkit.other-classes-left";
  private static final String WAITING = "testkit.process-lanes.waiting";

  /** Process tests at a time ({@code -Dtest.process-lanes}, set by the build; 2 without it). */
  static final int LANES = Integer.getInteger("test.process-lanes", 2);

  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
  private static final String PARALLELISM =
      "junit.jupiter.execution.parallel.config.fixed.parallelism";
  private static final String CLOSED = "closed";
  private static final String OPEN = "open";

  /** No process test waits longer than this for the window, or for a lane. */
  private static final Duration AT_MOST = Duration.ofMinutes(6);

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    // One thread runs the process tests after the application tests, in no order of ours: a
    // closed gate would only hold the others up until it timed out.
    int threads =
        plan.getConfigurationParameters()
            .get(PARALLELISM, Integer::parseInt)
            .filter(n -> plan.getConfigurationParameters().getBoolean(PARALLEL).orElse(false))
            .orElse(1);
    boolean scenarios =
        threads > 1
            && plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource)
                .flatMap(Optional::stream)
                .anyMatch(ProcessLanes::isScenarios);
    if (scenarios) {
      System.setProperty(KEY, CLOSED);
    }
    long others =
        plan.getRoots().stream()
            .flatMap(root -> plan.getDescendants(root).stream())
            .filter(ProcessLanes::isOtherClass)
            .count();
    System.setProperty(OTHERS_LEFT, String.valueOf(others));
    System.setProperty(STARTED, String.valueOf(System.currentTimeMillis()));
  }

  /** A test class that is not a process test: an application test or a unit test. */
  private static boolean isOtherClass(TestIdentifier identifier) {
    return identifier
        .getSource()
        .filter(ClassSource.class::isInstance)
        .map(source -> ((ClassSource) source).getJavaClass())
        .filter(c -> !isProcessTest(c))
        .isPresent();
  }

  /** Whether a class takes a process lane: {@code @ExtendWith(ProcessLanes.Lane.class)}. */
  static boolean isProcessTest(Class<?> test) {
    ExtendWith extensions = test.getAnnotation(ExtendWith.class);
    return extensions != null
        && Arrays.stream(extensions.value()).anyMatch(e -> e.getName().equals(LANE));
  }

  /**
   * The scenarios' class ended: whatever happened, the others may start. The last application or
   * unit test class ended: the application lane's CPU is free, and one more process lane opens.
   */
  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    openIfScenarios(identifier);
    if (isOtherClass(identifier)) {
      synchronized (System.getProperties()) {
        int left = Integer.parseInt(System.getProperty(OTHERS_LEFT, "0"));
        System.setProperty(OTHERS_LEFT, String.valueOf(Math.max(0, left - 1)));
      }
    }
  }

  @Override
  public void executionSkipped(TestIdentifier identifier, String reason) {
    openIfScenarios(identifier);
  }

  private static void openIfScenarios(TestIdentifier identifier) {
    if (identifier.getSource().filter(ProcessLanes::isScenarios).isPresent()) {
      openWindow();
    }
  }

  /**
   * A process test's lane: taken before its {@code @BeforeAll}, given back after its
   * {@code @AfterAll}.
   */
  public static final class Lane implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
      enter(context.getRequiredTestClass());
      timeline(context, "takes a lane");
    }

    @Override
    public void afterAll(ExtensionContext context) {
      leave();
      timeline(context, "gives its lane back");
    }
  }

  /**
   * One line of the run's timeline, so that a slow run shows which process tests overlapped: {@code
   * ProcessLanes: +105.2 s RebalanceIT takes a lane (2 in use)}.
   */
  private static void timeline(ExtensionContext context, String what) {
    String started = System.getProperty(STARTED);
    double at =
        started == null ? 0 : (System.currentTimeMillis() - Long.parseLong(started)) / 1000.0;
    System.out.printf(
        "ProcessLanes: +%.1f s %s %s (%s in use)%n",
        at, context.getRequiredTestClass().getSimpleName(), what, System.getProperty(IN_USE, "0"));
  }

  private static boolean isScenarios(TestSource source) {
    return source instanceof ClassSource c && c.getClassName().equals(SCENARIOS);
  }

  /** Lets the other process tests start; harmless when called again or when not closed. */
  public static void openWindow() {
    if (System.getProperty(KEY) != null) {
      System.setProperty(KEY, OPEN);
    }
  }

  /**
   * Waits for the window (unless {@code test} is the minute scenarios' class) and for a free lane;
   * {@link #leave()} must follow.
   */
  private static void enter(Class<?> test) {
    // Waiting tests take free lanes in their order (@Order, then name), not in the order their
    // threads happen to poll: CrashIT once started beside RebalanceIT's gateway starts and all but
    // missed its mark. They queue before the window, so that all of them are in line when it opens.
    String ticket = ticket(test);
    queue(ticket, true);
    if (!test.getName().equals(SCENARIOS)) {
      awaitWindow();
    }
    try {
      await().atMost(AT_MOST).pollInterval(Duration.ofMillis(100)).until(() -> take(ticket, false));
    } catch (ConditionTimeoutException e) {
      System.out.println("ProcessLanes: no lane free after " + AT_MOST + "; taking one anyway");
      take(ticket, true);
    }
  }

  /**
   * A waiting test's place: its {@code @Order} (zero-padded, so that text sorts), then its name.
   */
  private static String ticket(Class<?> test) {
    Order order = test.getAnnotation(Order.class);
    long value = (long) (order == null ? Order.DEFAULT : order.value()) - Integer.MIN_VALUE;
    return String.format("%011d:%s", value, test.getName());
  }

  private static void queue(String ticket, boolean add) {
    synchronized (System.getProperties()) {
      TreeSet<String> waiting = waiting();
      if (add) {
        waiting.add(ticket);
      } else {
        waiting.remove(ticket);
      }
      System.setProperty(WAITING, String.join(",", waiting));
    }
  }

  private static TreeSet<String> waiting() {
    String list = System.getProperty(WAITING, "");
    return list.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(list.split(",")));
  }

  /** Gives the lane back. */
  private static void leave() {
    synchronized (System.getProperties()) {
      int inUse = Integer.parseInt(System.getProperty(IN_USE, "0"));
      System.setProperty(IN_USE, String.valueOf(Math.max(0, inUse - 1)));
    }
  }

  private static boolean take(String ticket, boolean anyway) {
    synchronized (System.getProperties()) {
      if (!anyway && !ticket.equals(waiting().first())) {
        return false;
      }
      int inUse = Integer.parseInt(System.getProperty(IN_USE, "0"));
      boolean othersDone = Integer.parseInt(System.getProperty(OTHERS_LEFT, "0")) == 0;
      if (inUse >= LANES + (othersDone ? 1 : 0) && !anyway) {
        return false;
      }
      System.setProperty(IN_USE, String.valueOf(inUse + 1));
      queue(ticket, false);
      return true;
    }
  }

  /** Waits until the window is open (at once when this run has no minute scenarios). */
  private static void awaitWindow() {
    try {
      await()
          .atMost(AT_MOST)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !CLOSED.equals(System.getProperty(KEY)));
    } catch (ConditionTimeoutException e) {
      System.out.println("ProcessLanes: the window still closed after " + AT_MOST + "; opened");
      openWindow();
    }
  }
}
