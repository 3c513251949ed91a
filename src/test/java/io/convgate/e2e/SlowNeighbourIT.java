package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.pipeline.DeliveryOwnership;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two integrations whose deliveries share a partition of {@code convgate.deliveries} (so the same
 * polls): a fast one (100 per second) and a slow one (5 per second), each with a backlog. The slow
 * one's backlog does not set the fast one's pace: the fast one has all its deliveries while the
 * slow one has sent less than half of its own (without it a poll waits for its slowest integration,
 * and the fast one goes at the slow one's pace). Neither exceeds its limits, and every sale reaches
 * Hyros exactly once, the slow one's through the park.
 *
 * <p>With {@code convgate.delivery.park-after-token-wait} set to 2 s (opt-in, decision 0060). Not
 * set, this test fails: the fast one's 600 took 25.4 s and the slow one had sent 130 by then.
 *
 * <p>A gateway process with that setting, on a stack of its own, beside the application tests
 * (decision 0061): as a {@code @QuarkusTest} it needed a restart of the application of its own.
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(3)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class SlowNeighbourIT {

  private static TestStack stack;
  private static GatewayProcess gateway;

  @BeforeAll
  static void start() {
    stack =
        TestStack.startWithoutTopics(
            Path.of("target", "it-slow-neighbour"), TestStack.StackPorts.ANY);
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.put("convgate.membership.instance-id", "slow-neighbour-gateway");
    // Units wait at most 2 s for tokens; what still waits is parked for the release.
    config.put("convgate.delivery.park-after-token-wait", "2s");
    gateway =
        GatewayProcess.startAtLowPriority(
            config, Ports.free(), Path.of("target", "it-slow-neighbour", "gateway.log"));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    stack.close();
  }

  private static final int FAST = 600;
  private static final int SLOW = 150;

  /** The partitions of {@code convgate.deliveries} (kafka-topics.yaml). */
  private static final int DELIVERY_PARTITIONS = 12;

  @Test
  void aSlowIntegrationsBacklogDoesNotSetThePaceOfAnotherInTheSamePartition() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String slowId = "slow-" + run;
    String fastId = null;
    for (int i = 0; fastId == null || partition(fastId) != partition(slowId); i++) {
      fastId = "fast-" + run + "-" + i;
    }
    Tenant slow = Tenants.createWithId(stack, slowId, 5, 300);
    Tenant fast = Tenants.createWithId(stack, fastId, 100, 6000);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < FAST; i++) {
      records.add(Tenants.sale(fast, "F-" + run + "-" + i));
      if (i % (FAST / SLOW) == 0) {
        records.add(Tenants.sale(slow, "S-" + run + "-" + i));
      }
    }
    Tenants.produce(stack, records);

    await().atMost(Duration.ofSeconds(60)).until(() -> fast.received(stack).size() >= FAST);
    int slowWhenFastDone = slow.received(stack).size();
    System.out.printf(
        "SlowNeighbourIT: the fast integration's %d deliveries took %.1f s; the slow one had"
            + " sent %d of %d by then%n",
        FAST, span(fast.received(stack)).toMillis() / 1000.0, slowWhenFastDone, SLOW);
    assertThat(slowWhenFastDone)
        .as("the slow integration's deliveries when the fast one had all of its own")
        .isLessThan(SLOW / 2);

    await().atMost(Duration.ofSeconds(90)).until(() -> slow.received(stack).size() >= SLOW);
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(slowId, fastId);
    assertOnce(fast.received(stack), FAST);
    assertOnce(slow.received(stack), SLOW);
    assertWithin(fast, 100, 6000);
    assertWithin(slow, 5, 300);
    assertThat(stack.database().parked(slowId)).as("the slow one's park, at the end").isZero();
  }

  private static int partition(String integrationId) {
    return DeliveryOwnership.partition(integrationId, DELIVERY_PARTITIONS);
  }

  private static Duration span(List<AcceptedRequest> received) {
    return Duration.between(
        received.get(0).receivedAt(), received.get(received.size() - 1).receivedAt());
  }

  private static void assertOnce(List<AcceptedRequest> received, int expected) {
    Map<String, Long> perOrder = AcceptedRequest.countByOrder(received);
    assertThat(perOrder).hasSize(expected);
    assertThat(perOrder.values()).allMatch(n -> n == 1);
  }

  private static void assertWithin(Tenant tenant, int perSecond, int perMinute) {
    List<Instant> at = tenant.received(stack).stream().map(AcceptedRequest::receivedAt).toList();
    assertThat(Windows.densest(at, Duration.ofSeconds(1))).isLessThanOrEqualTo(perSecond);
    assertThat(Windows.densest(at, Duration.ofMinutes(1))).isLessThanOrEqualTo(perMinute);
    assertThat(stack.sandbox().tooManyRequests(tenant.apiKey())).isZero();
  }
}
