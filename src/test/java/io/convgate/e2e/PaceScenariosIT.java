package io.convgate.e2e;

import io.convgate.sync.SyncBudgetScenario;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeliveryConsumers;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.TestStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The scenarios whose subject is a minute of Hyros' window, run at once in the same two minutes
 * (decision 0061): two outages beside a healthy integration ({@link OutagesScenario}), a backlog
 * sent at the limit ({@link RateLimitScenario}), and deliveries beside a backfill on one key
 * ({@link SyncBudgetScenario}). Each has its own integrations on a delivery consumer of its own
 * (the outages' broken integrations share the healthy one's partition, as they should be able to),
 * so one's backlog cannot set another's pace (decision 0060); each keeps every assertion it had as
 * a test of its own, and fails as its own test here.
 *
 * <p>A gateway process started as the container image starts it, on a stack of its own, so that its
 * two minutes run beside the application tests instead of in their lane (decision 0062). No other
 * process test starts until the rate-limit scenario has the arrivals of its first minute ({@link
 * ProcessLanes}): a gateway that must send 30 calls in each second needs the CPU that two other
 * lanes took.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaceScenariosIT {

  private static TestStack stack;
  private static GatewayProcess gateway;
  private static OutagesScenario outages;
  private static RateLimitScenario rateLimit;
  private static SyncBudgetScenario budget;

  @BeforeAll
  static void startAllThree() {
    long began = System.nanoTime();
    stack = TestStack.startWithoutTopics(Path.of("target", "it-pace"), TestStack.StackPorts.ANY);
    double stackUp = (System.nanoTime() - began) / 1e9;
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.put("convgate.membership.instance-id", "pace-gateway");
    // The backfill's pages come every half second, as in the application tests' profile.
    config.put("convgate.sync.tick", "500ms");
    gateway =
        GatewayProcess.startAtHighPriority(
            config, Ports.free(), Path.of("target", "it-pace", "gateway.log"));
    double gatewayReady = (System.nanoTime() - began) / 1e9;
    Admin admin = Admin.at(gateway.baseUrl(), TestStack.ADMIN_KEY);
    DeliveryConsumers consumers = DeliveryConsumers.of(stack);
    double consumersSettled = (System.nanoTime() - began) / 1e9;
    outages = new OutagesScenario(stack, admin, consumers, 0);
    rateLimit = new RateLimitScenario(stack, consumers, 1);
    budget = new SyncBudgetScenario(stack, admin, consumers, 2);
    // The longest first; the backlog last, so its first seconds are not the others' start.
    double gatewayUp = (System.nanoTime() - began) / 1e9;
    outages.start();
    double outagesUp = (System.nanoTime() - began) / 1e9;
    budget.start();
    rateLimit.start();
    System.out.printf(
        "PaceScenariosIT: stack up after %.1f s, gateway ready %.1f s, its delivery consumers"
            + " assigned %.1f s, the scenarios' integrations made %.1f s, outages started %.1f s,"
            + " the backlog sent %.1f s%n",
        stackUp,
        gatewayReady,
        consumersSettled,
        gatewayUp,
        outagesUp,
        (System.nanoTime() - began) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  // The methods one after the other, in this order, on the class's thread (the class's
  // CONCURRENT would otherwise apply to them too): the rate limit first, as it opens the window.
  @Test
  @Order(1)
  @Execution(ExecutionMode.SAME_THREAD)
  void aBacklogIsSentAtTheLimitAndNeverAbove() {
    try {
      rateLimit.awaitFirstQuota();
    } finally {
      // The first minute had the CPU first; beside the other lanes it takes its share only: at a
      // higher priority it starved the test JVM's brokers, and a stopping gateway's consumers
      // timed out on their close (decision 0065).
      gateway.normalPriority();
      ProcessLanes.openWindow();
    }
    rateLimit.check();
  }

  @Test
  @Order(2)
  @Execution(ExecutionMode.SAME_THREAD)
  void deliveriesKeepTheirShareOfAKeyBesideABackfillAndTogetherNoWindowIsExceeded() {
    budget.check();
  }

  @Test
  @Order(3)
  @Execution(ExecutionMode.SAME_THREAD)
  void outagesNeitherSlowTheHealthyIntegrationNorLoseOrDoubleAnything() {
    outages.check();
  }
}
