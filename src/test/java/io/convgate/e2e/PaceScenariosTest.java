package io.convgate.e2e;

import io.convgate.sync.SyncBudgetScenario;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeliveryConsumers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scenarios whose subject is a minute of Hyros' window, run at once in the same two minutes
 * (decision 0061): two outages beside a healthy integration ({@link OutagesScenario}), a backlog
 * sent at the limit ({@link RateLimitScenario}), and deliveries beside a backfill on one key
 * ({@link SyncBudgetScenario}). Each has its own integrations on a delivery consumer of its own
 * (the outages' broken integrations share the healthy one's partition, as they should be able to),
 * so one's backlog cannot set another's pace (decision 0060); each keeps every assertion it had as
 * a test of its own, and fails as its own test here.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaceScenariosTest {

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
  private OutagesScenario outages;
  private RateLimitScenario rateLimit;
  private SyncBudgetScenario budget;

  /** Once, before the first test (in a @BeforeEach: the test's HTTP client is set up by then). */
  @BeforeEach
  void startAllThreeOnce() {
    if (outages != null) {
      return;
    }
    DeliveryConsumers consumers = DeliveryConsumers.of(stack);
    outages = new OutagesScenario(stack, admin, consumers, 0);
    rateLimit = new RateLimitScenario(stack, consumers, 1);
    budget = new SyncBudgetScenario(stack, admin, consumers, 2);
    // The longest first; the backlog last, so its first seconds are not the others' start.
    outages.start();
    budget.start();
    rateLimit.start();
  }

  @Test
  @Order(1)
  void aBacklogIsSentAtTheLimitAndNeverAbove() {
    rateLimit.check();
  }

  @Test
  @Order(2)
  void deliveriesKeepTheirShareOfAKeyBesideABackfillAndTogetherNoWindowIsExceeded() {
    budget.check();
  }

  @Test
  @Order(3)
  void outagesNeitherSlowTheHealthyIntegrationNorLoseOrDoubleAnything() {
    outages.check();
  }
}
