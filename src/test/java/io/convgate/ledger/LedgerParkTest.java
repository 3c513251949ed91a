package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A park that arrives late — from an instance that lost the partition while its poll was in flight
 * — must not park again a delivery its new owner has delivered meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LedgerParkTest {

  @Inject Ledger ledger;
  @Inject ParkedDeliveries park;

  @Test
  void aLateParkOfADeliveredRowParksNothingAndLeavesItDelivered() {
    LedgerKey key = new LedgerKey("late-park", "sale-" + UUID.randomUUID());
    ledger
        .claim(List.of(new ClaimRequest(key, "evt-1", "sale.completed")))
        .await()
        .atMost(Duration.ofSeconds(10));
    // The new owner delivers it...
    ledger
        .settle(
            List.of(new Outcome(key, DeliveryState.DELIVERED, 1, 200, "req-1", null)),
            List.of(),
            List.of())
        .await()
        .atMost(Duration.ofSeconds(10));
    // ...then the old owner's park of the same delivery lands.
    ledger
        .settle(
            List.of(new Outcome(key, DeliveryState.PARKED, 1, 503, null, "held: circuit-open")),
            List.of(new ParkedDelivery(key, "{}", "circuit-open")),
            List.of())
        .await()
        .atMost(Duration.ofSeconds(10));

    TestStack stack = TestStack.shared();
    assertThat(parked(key)).isZero();
    assertThat(
            stack
                .database()
                .rows(
                    "SELECT state FROM delivery_ledger WHERE integration_id = ? AND idempotency_key = ?",
                    key.integrationId(),
                    key.idempotencyKey())
                .get(0)
                .get(0))
        .isEqualTo("DELIVERED");
  }

  @Test
  void aParkOfAClaimedRowParksIt() {
    LedgerKey key = new LedgerKey("parks", "sale-" + UUID.randomUUID());
    ledger
        .claim(List.of(new ClaimRequest(key, "evt-2", "sale.completed")))
        .await()
        .atMost(Duration.ofSeconds(10));
    ledger
        .settle(
            List.of(new Outcome(key, DeliveryState.PARKED, 1, 503, null, "held: circuit-open")),
            List.of(new ParkedDelivery(key, "{}", "circuit-open")),
            List.of())
        .await()
        .atMost(Duration.ofSeconds(10));
    assertThat(parked(key)).isEqualTo(1);
  }

  @Test
  void aPollThatReadsAgainADeliveryAReleaseHasReclaimedLeavesItToTheRelease() {
    // After a rebalance the new owner reads records again whose deliveries the old owner had
    // parked; its own release has just taken one of them back from the park (CLAIMED, still
    // parked) when its poll claims the same key.
    LedgerKey key = new LedgerKey("reclaimed", "sale-" + UUID.randomUUID());
    ClaimRequest request = new ClaimRequest(key, "evt-3", "sale.completed");
    ledger.claim(List.of(request)).await().atMost(Duration.ofSeconds(10));
    ledger
        .settle(
            List.of(new Outcome(key, DeliveryState.PARKED, 0, null, null, "held: backlog")),
            List.of(new ParkedDelivery(key, "{}", "backlog")),
            List.of())
        .await()
        .atMost(Duration.ofSeconds(10));
    ParkedDeliveries.Reclaimed reclaimed =
        park.reclaimParked(List.of(key)).await().atMost(Duration.ofSeconds(10));
    assertThat(reclaimed.reclaimed()).containsExactly(key);

    ClaimResult claim = ledger.claim(List.of(request)).await().atMost(Duration.ofSeconds(10));

    assertThat(claim.inDoubt()).as("found in doubt by the poll").isEmpty();
    assertThat(claim.shouldSend(key)).as("sent by the poll beside the release").isFalse();
    assertThat(
            TestStack.shared()
                .database()
                .count(
                    "SELECT in_doubt_count FROM delivery_ledger WHERE integration_id = ?"
                        + " AND idempotency_key = ?",
                    key.integrationId(),
                    key.idempotencyKey()))
        .isZero();
  }

  private static long parked(LedgerKey key) {
    return TestStack.shared()
        .database()
        .count(
            "SELECT count(*) FROM parked_deliveries WHERE integration_id = ? AND idempotency_key = ?",
            key.integrationId(),
            key.idempotencyKey());
  }
}
