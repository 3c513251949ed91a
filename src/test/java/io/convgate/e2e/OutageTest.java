package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two integrations: one answers 503 for two minutes, the other is healthy. The healthy one keeps
 * delivering within 5% of its binding limit (per minute, as with Hyros' defaults) the whole time;
 * the broken one's events are parked, not dead-lettered, and delivered once Hyros answers again;
 * nothing is lost or sent twice.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class OutageTest {

  private static final int HEALTHY_PER_SECOND = 30;
  private static final int HEALTHY_PER_MINUTE = 1200;
  private static final int HEALTHY_EVENTS = 3000;
  private static final int BROKEN_EVENTS = 300;
  private static final Duration OUTAGE = Duration.ofMinutes(2);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void oneIntegrationsOutageNeitherSlowsTheOtherNorLosesItsEvents() {
    TestStack stack = TestStack.shared();
    Tenant healthy = Tenants.create(stack, "healthy", HEALTHY_PER_SECOND, HEALTHY_PER_MINUTE);
    Tenant broken = Tenants.create(stack, "broken", null, null);
    String run = UUID.randomUUID().toString().substring(0, 6);
    Instant outageEnds = Instant.now().plus(OUTAGE);
    stack.sandbox().inject(new Fault(broken.apiKey(), 503, Duration.ZERO, false, outageEnds));

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < HEALTHY_EVENTS; i++) {
      records.add(Tenants.sale(healthy, "OK-" + run + "-" + i));
      if (i % (HEALTHY_EVENTS / BROKEN_EVENTS) == 0) {
        records.add(Tenants.sale(broken, "DOWN-" + run + "-" + i));
      }
    }
    Tenants.produce(stack, records);

    await()
        .atMost(OUTAGE.plusMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                healthy.received(stack).size() >= HEALTHY_EVENTS
                    && broken.received(stack).size() >= BROKEN_EVENTS);
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

    List<Instant> healthyArrivals =
        healthy.received(stack).stream().map(AcceptedRequest::receivedAt).toList();
    Instant start = healthyArrivals.get(0);
    Instant end = healthyArrivals.get(healthyArrivals.size() - 1);
    // As with Hyros' own limits (30/s, 1,000/min), the per-minute window binds: the healthy
    // integration must fill every sliding minute of the outage to >= 95% of it.
    long floor = (long) Math.ceil(0.95 * HEALTHY_PER_MINUTE);
    int windows = 0;
    for (Instant from = start;
        !from.plus(MINUTE).isAfter(end) && !from.plus(MINUTE).isAfter(outageEnds);
        from = from.plusSeconds(1)) {
      assertThat(Windows.count(healthyArrivals, from, MINUTE))
          .as("healthy deliveries in the minute from %s (outage until %s)", from, outageEnds)
          .isGreaterThanOrEqualTo(floor);
      windows++;
    }
    assertThat(windows).as("sliding minutes checked during the outage").isGreaterThanOrEqualTo(30);
    assertThat(Windows.densest(healthyArrivals, MINUTE)).isLessThanOrEqualTo(HEALTHY_PER_MINUTE);
    assertThat(Windows.densest(healthyArrivals, Duration.ofSeconds(1)))
        .isLessThanOrEqualTo(HEALTHY_PER_SECOND);

    assertOnce(healthy.received(stack), HEALTHY_EVENTS);
    List<AcceptedRequest> brokenReceived = broken.received(stack);
    assertOnce(brokenReceived, BROKEN_EVENTS);
    assertThat(brokenReceived.get(0).receivedAt())
        .as("first delivery of the broken integration")
        .isAfterOrEqualTo(outageEnds);
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      assertThat(
              reader.matching(r -> broken.integration().equals(header(r, "convgate-integration"))))
          .as("dead letters from the outage")
          .isEmpty();
    }
    assertThat(stack.database().parked(broken.integration())).isZero();
  }

  private static void assertOnce(List<AcceptedRequest> received, int expected) {
    Map<String, Long> perOrder = AcceptedRequest.countByOrder(received);
    assertThat(perOrder).hasSize(expected);
    assertThat(perOrder.values()).allMatch(n -> n == 1);
  }
}
