package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Hyros completes a call after convgate stopped waiting for it (its read timeout): convgate sends
 * it again, and Hyros has it twice. That repeat is counted with its cause, in the metric and on the
 * delivery's ledger row; nothing else is sent twice.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class TimeoutRepeatsTest {

  private static final int SALES = 20;
  private static final String IN_DOUBT = "convgate_ledger_in_doubt_total";

  /**
   * convgate waits {@link StackResource#HYROS_READ_TIMEOUT} for an answer
   * (quarkus.rest-client.hyros.read-timeout of the shared test configuration): the sandbox answers
   * 1 s after that. No test profile of its own, so no Quarkus restart in and out (decision 0055).
   */
  private static final Duration LATE = StackResource.HYROS_READ_TIMEOUT.plusSeconds(1);

  @Test
  void aCallHyrosCompletedAfterTheTimeoutIsCountedAsARepeatAndNothingElseIsSentTwice() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "late", null, null);
    // The first call is accepted and recorded at once, and answered after the read timeout.
    stack.sandbox().inject(Fault.acceptedButLate(tenant.apiKey(), LATE, 1));
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SALES; i++) {
      records.add(Tenants.sale(tenant, "LATE-" + run + "-" + i));
    }
    Tenants.produce(stack, records);

    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                stack
                        .database()
                        .count(
                            "SELECT count(*) FROM delivery_ledger"
                                + " WHERE integration_id = ? AND state = 'DELIVERED'",
                            tenant.integration())
                    == SALES);
    // Every row delivered: nothing is claimed or parked, so no other second call can still come
    // (the sandbox recorded the late call when it arrived, not when it answered).
    assertThat(stack.database().unsettled(tenant.integration())).isZero();

    Map<String, Long> callsPerOrder =
        tenant.received(stack).stream()
            .collect(Collectors.groupingBy(AcceptedRequest::orderId, Collectors.counting()));
    assertThat(callsPerOrder).as("orders that reached Hyros").hasSize(SALES);
    List<String> twice =
        callsPerOrder.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(twice).as("orders Hyros received twice: the timed-out one only").hasSize(1);
    assertThat(callsPerOrder.get(twice.get(0))).as("calls of the timed-out order").isEqualTo(2L);

    assertThat(repeats(tenant, "timeout")).as("repeats counted, cause timeout").isEqualTo(1.0);
    assertThat(repeats(tenant, "crash")).as("repeats counted, cause crash").isZero();
    assertThat(repeats(tenant, "connection-lost"))
        .as("repeats counted, cause connection-lost")
        .isZero();
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM delivery_ledger WHERE integration_id = ?"
                        + " AND idempotency_key = ? AND timeout_repeats = 1 AND attempts = 2",
                    tenant.integration(),
                    "sale:" + twice.get(0)))
        .as("the repeated delivery's ledger row says it was sent again after a timeout")
        .isEqualTo(1);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT coalesce(sum(timeout_repeats + connection_lost_repeats"
                        + " + in_doubt_count), 0) FROM delivery_ledger WHERE integration_id = ?",
                    tenant.integration()))
        .as("repeats marked on the integration's ledger rows")
        .isEqualTo(1);
  }

  private static double repeats(Tenant tenant, String cause) {
    return MetricsScrape.sum(IN_DOUBT, Map.of("integration", tenant.integration(), "cause", cause));
  }
}
