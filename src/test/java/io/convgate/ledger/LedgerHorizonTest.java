package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.retention.RetentionConfig;
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
 * The dedupe horizon's meaning (docs/operations.md, "Retention"): a key whose first claim is less
 * than {@code convgate.retention.ledger-horizon} old is skipped when read again; one older than
 * that is delivered as new, whether or not retention has removed its row yet. The rows' ages are
 * set in the real ledger one minute either side of the configured horizon.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LedgerHorizonTest {

  private static final Duration MARGIN = Duration.ofMinutes(1);

  @Inject Ledger ledger;
  @Inject RetentionConfig retention;

  @Test
  void aKeyDeliveredJustInsideTheHorizonIsStillSkipped() {
    LedgerKey key = delivered("inside");
    age(key, retention.ledgerHorizon().minus(MARGIN));

    ClaimResult again = claim(key, "evt-again");

    assertThat(again.done()).containsExactly(key);
    assertThat(again.shouldSend(key)).isFalse();
    assertThat(row(key, "state")).isEqualTo("DELIVERED");
    assertThat(row(key, "event_id")).isEqualTo("evt-first");
  }

  @Test
  void aKeyDeliveredJustOutsideTheHorizonIsTreatedAsNewThoughItsRowIsStillThere() {
    LedgerKey key = delivered("outside");
    age(key, retention.ledgerHorizon().plus(MARGIN));

    ClaimResult again = claim(key, "evt-again");

    assertThat(again.claimed()).containsExactly(key);
    assertThat(again.inDoubt()).isEmpty();
    // the row starts over: a new delivery, not one in doubt
    assertThat(row(key, "state")).isEqualTo("CLAIMED");
    assertThat(row(key, "event_id")).isEqualTo("evt-again");
    assertThat(row(key, "in_doubt_count")).isEqualTo(0);
    assertThat(row(key, "attempts")).isEqualTo(0);
    assertThat(row(key, "hyros_request_id")).isNull();
    // ...and it is remembered again from now on
    ledger.record(List.of(delivery(key))).await().atMost(Duration.ofSeconds(10));
    assertThat(claim(key, "evt-third").done()).containsExactly(key);
  }

  @Test
  void aDeadLetteredKeyOutsideTheHorizonIsNewToo() {
    LedgerKey key = claimed("dead");
    ledger
        .record(List.of(new Outcome(key, DeliveryState.DEAD_LETTERED, 1, 400, null, "rejected")))
        .await()
        .atMost(Duration.ofSeconds(10));
    age(key, retention.ledgerHorizon().plus(MARGIN));

    assertThat(claim(key, "evt-again").claimed()).containsExactly(key);
  }

  @Test
  void anUnfinishedKeyOlderThanTheHorizonStaysInDoubtNotNew() {
    LedgerKey key = claimed("in-doubt");
    age(key, retention.ledgerHorizon().plus(MARGIN));

    ClaimResult again = claim(key, "evt-again");

    assertThat(again.inDoubt()).containsExactly(key);
    assertThat(row(key, "in_doubt_count")).isEqualTo(1);
  }

  private LedgerKey delivered(String prefix) {
    LedgerKey key = claimed(prefix);
    ledger.record(List.of(delivery(key))).await().atMost(Duration.ofSeconds(10));
    return key;
  }

  private static Outcome delivery(LedgerKey key) {
    return new Outcome(key, DeliveryState.DELIVERED, 1, 200, "req-1", null);
  }

  private LedgerKey claimed(String prefix) {
    LedgerKey key = new LedgerKey("horizon-" + prefix, "sale-" + UUID.randomUUID());
    assertThat(claim(key, "evt-first").claimed()).containsExactly(key);
    return key;
  }

  private ClaimResult claim(LedgerKey key, String eventId) {
    return ledger
        .claim(List.of(new ClaimRequest(key, eventId, "sale.completed")))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  /** Sets the row's first claim that long ago. */
  private static void age(LedgerKey key, Duration age) {
    List<List<Object>> updated =
        TestStack.shared()
            .database()
            .rows(
                "UPDATE delivery_ledger SET created_at = now() - ? * interval '1 second'"
                    + " WHERE integration_id = ? AND idempotency_key = ? RETURNING 1",
                age.toSeconds(),
                key.integrationId(),
                key.idempotencyKey());
    assertThat(updated).hasSize(1);
  }

  private static Object row(LedgerKey key, String column) {
    return TestStack.shared()
        .database()
        .rows(
            "SELECT "
                + column
                + " FROM delivery_ledger"
                + " WHERE integration_id = ? AND idempotency_key = ?",
            key.integrationId(),
            key.idempotencyKey())
        .get(0)
        .get(0);
  }
}
