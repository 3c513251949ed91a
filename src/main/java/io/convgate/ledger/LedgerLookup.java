package io.convgate.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and resets ledger rows for operators' tools (replays), never on the delivery path. */
@ApplicationScoped
public class LedgerLookup {

  /** A ledger row as replays need it. */
  public record Entry(DeliveryState state, Instant updatedAt) {}

  private final Pool pool;

  public LedgerLookup(Pool pool) {
    this.pool = pool;
  }

  /** The rows of these keys that exist. */
  public Uni<Map<LedgerKey, Entry>> find(List<LedgerKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(
            "SELECT l.integration_id, l.idempotency_key, l.state, l.updated_at"
                + " FROM delivery_ledger l"
                + " JOIN unnest($1::text[], $2::text[]) AS k(integration_id, idempotency_key)"
                + " USING (integration_id, idempotency_key)")
        .execute(Ledger.keyArgs(keys))
        .map(
            rows -> {
              Map<LedgerKey, Entry> found = new HashMap<>();
              for (Row row : rows) {
                found.put(
                    new LedgerKey(
                        row.getString("integration_id"), row.getString("idempotency_key")),
                    new Entry(
                        DeliveryState.valueOf(row.getString("state")),
                        row.getOffsetDateTime("updated_at").toInstant()));
              }
              return found;
            });
  }

  /**
   * Forgets that a delivery was dead-lettered, so the event can be claimed and sent again; a row in
   * any other state is left alone. True if a row was reset.
   */
  public Uni<Integer> forgetDeadLettered(List<LedgerKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return pool.preparedQuery(
            "DELETE FROM delivery_ledger l USING unnest($1::text[], $2::text[])"
                + " AS k(integration_id, idempotency_key)"
                + " WHERE l.integration_id = k.integration_id"
                + " AND l.idempotency_key = k.idempotency_key AND l.state = 'DEAD_LETTERED'")
        .execute(Ledger.keyArgs(keys))
        .map(rows -> rows.rowCount());
  }
}
