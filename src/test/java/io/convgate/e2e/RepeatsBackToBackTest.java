package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Repeats that arrive right behind their original: while one unit of deliveries records its
 * outcomes the next unit already claims, so a repeat of a delivery still being recorded must wait
 * for that record and be skipped, not taken for a delivery in doubt and sent again.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RepeatsBackToBackTest {

  private static final int SALES = 400;
  private static final int BEHIND = 3;

  /**
   * Every statement that updates the ledger (recording outcomes, and the claim's {@code ON CONFLICT
   * DO UPDATE}) takes 100 ms more, as on a busy database, before it touches a row: the next unit
   * claims while the one before it is still recording.
   */
  private static final String SLOW_RECORDING =
      """
      CREATE OR REPLACE FUNCTION test_slow_statement() RETURNS trigger AS $$
      BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_slow_recording BEFORE UPDATE ON delivery_ledger
        FOR EACH STATEMENT EXECUTE FUNCTION test_slow_statement();
      """;

  @Test
  void aRepeatOfADeliveryStillBeingRecordedIsSkippedNotSentAgain() throws Exception {
    TestStack stack = TestStack.shared();
    stack.database().execute(SLOW_RECORDING);
    try {
      sendSalesAndTheirRepeats(stack);
    } finally {
      stack.database().execute("DROP TRIGGER test_slow_recording ON delivery_ledger");
    }
  }

  private static void sendSalesAndTheirRepeats(TestStack stack) throws Exception {
    Tenants.Tenant tenant = Tenants.create(stack, "repeats", 1_000, 60_000);
    double skippedBefore = outcomes(tenant, "skipped");
    double waitsBefore = MetricsScrape.sum("convgate_ledger_repeat_waits_total", Map.of());

    // Each sale, and a few sales behind it the very same record again: the repeats land in the
    // polls right after their originals', while those are being delivered and recorded.
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      for (int n = 0; n < SALES + BEHIND; n++) {
        if (n < SALES) {
          producer.send(sale(tenant, n));
        }
        if (n >= BEHIND) {
          producer.send(sale(tenant, n - BEHIND));
        }
        if (n % 10 == 0) {
          producer.flush();
          TimeUnit.MILLISECONDS.sleep(5);
        }
      }
      producer.flush();
    }

    // Every record has been handled once it is counted delivered or skipped.
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                outcomes(tenant, "delivered") + outcomes(tenant, "skipped") - skippedBefore
                    >= 2 * SALES);
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(tenant.integration());

    assertThat(MetricsScrape.sum("convgate_ledger_repeat_waits_total", Map.of()) - waitsBefore)
        .as("units whose repeats found their originals still being recorded (the race under test)")
        .isPositive();
    Map<String, Long> callsPerOrder =
        tenant.received(stack).stream()
            .collect(
                Collectors.groupingBy(
                    (AcceptedRequest call) -> call.body().path("orderId").asText(),
                    Collectors.counting()));
    assertThat(callsPerOrder).as("orders that reached Hyros").hasSize(SALES);
    assertThat(callsPerOrder.values()).as("calls per order").containsOnly(1L);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT coalesce(sum(in_doubt_count), 0) FROM delivery_ledger"
                        + " WHERE integration_id = ?",
                    tenant.integration()))
        .as("repeats taken for deliveries in doubt")
        .isZero();
    assertThat(outcomes(tenant, "skipped") - skippedBefore)
        .as("repeats counted as skipped")
        .isEqualTo(SALES);
  }

  private static double outcomes(Tenants.Tenant tenant, String outcome) {
    return MetricsScrape.sum(
        "convgate_deliveries_total",
        Map.of("outcome", outcome, "integration", tenant.integration()));
  }

  private static ProducerRecord<byte[], byte[]> sale(Tenants.Tenant tenant, int n) {
    return Tenants.sale(tenant, "rpt-" + n);
  }
}
