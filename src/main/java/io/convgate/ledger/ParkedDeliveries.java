package io.convgate.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The park ({@code parked_deliveries}) as the releaser and the gauges read it. Parking itself is
 * written by {@link Ledger#settle}, in the transaction that records the ledger outcomes.
 */
@ApplicationScoped
public class ParkedDeliveries {

  private final Pool pool;

  public ParkedDeliveries(Pool pool) {
    this.pool = pool;
  }

  private static final String NEXT_PARKED =
      """
      SELECT p.idempotency_key, p.command, l.state, coalesce(l.attempts, 0) AS attempts
      FROM parked_deliveries p
      LEFT JOIN delivery_ledger l
        ON l.integration_id = p.integration_id AND l.idempotency_key = p.idempotency_key
      WHERE p.integration_id = $1
      ORDER BY p.seq
      LIMIT $2
      """;

  private static final String PARKED_INTEGRATIONS =
      "SELECT DISTINCT integration_id FROM parked_deliveries";

  /** The next parked deliveries of an integration, oldest first, with their ledger state. */
  public Uni<List<Parked>> nextParked(String integrationId, int limit) {
    return pool.preparedQuery(NEXT_PARKED)
        .execute(Tuple.of(integrationId, limit))
        .map(
            rows -> {
              List<Parked> parked = new java.util.ArrayList<>();
              for (Row row : rows) {
                String state = row.getString("state");
                parked.add(
                    new Parked(
                        new LedgerKey(integrationId, row.getString("idempotency_key")),
                        row.getString("command"),
                        state == null ? null : DeliveryState.valueOf(state),
                        row.getInteger("attempts")));
              }
              return parked;
            });
  }

  /** A parked delivery as read back, with the state its ledger row has now. */
  public record Parked(LedgerKey key, String command, DeliveryState state, int attempts) {}

  /** Every integration with parked deliveries. */
  public Uni<Set<String>> parkedIntegrations() {
    return pool.query(PARKED_INTEGRATIONS).execute().map(ParkedDeliveries::integrationIds);
  }

  /** How many deliveries each integration has parked. */
  public Uni<java.util.Map<String, Long>> parkedCounts() {
    return pool.query(
            "SELECT integration_id, count(*) AS n FROM parked_deliveries GROUP BY integration_id")
        .execute()
        .map(
            rows -> {
              java.util.Map<String, Long> counts = new java.util.TreeMap<>();
              rows.forEach(row -> counts.put(row.getString("integration_id"), row.getLong("n")));
              return counts;
            });
  }

  /**
   * Takes parked deliveries back for sending: PARKED rows become CLAIMED; rows already CLAIMED (a
   * release interrupted by a crash) are in doubt and counted. Only the returned keys may be sent: a
   * key missing from them was finished meanwhile (by another owner, after a rebalance).
   */
  public Uni<Reclaimed> reclaimParked(List<LedgerKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().item(new Reclaimed(Set.of(), Set.of()));
    }
    return pool.preparedQuery(RECLAIM)
        .execute(Ledger.keyArgs(keys))
        .map(
            rows -> {
              Set<LedgerKey> reclaimed = new HashSet<>();
              Set<LedgerKey> inDoubt = new HashSet<>();
              for (Row row : rows) {
                LedgerKey key =
                    new LedgerKey(
                        row.getString("integration_id"), row.getString("idempotency_key"));
                reclaimed.add(key);
                if (row.getBoolean("in_doubt")) {
                  inDoubt.add(key);
                }
              }
              return new Reclaimed(reclaimed, inDoubt);
            });
  }

  /** What a reclaim took back, and which of those were in doubt. */
  public record Reclaimed(Set<LedgerKey> reclaimed, Set<LedgerKey> inDoubt) {}

  /** The state before the update comes from a locked snapshot of the rows (old.state). */
  private static final String RECLAIM =
      """
      WITH old AS (
        SELECT l.integration_id, l.idempotency_key, l.state
        FROM delivery_ledger l
        JOIN unnest($1::text[], $2::text[]) AS u(integration_id, idempotency_key)
          ON l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        WHERE l.state IN ('PARKED', 'CLAIMED')
        FOR UPDATE OF l
      )
      UPDATE delivery_ledger AS l SET
        in_doubt_count = l.in_doubt_count + CASE WHEN old.state = 'CLAIMED' THEN 1 ELSE 0 END,
        state = 'CLAIMED', updated_at = now()
      FROM old
      WHERE l.integration_id = old.integration_id AND l.idempotency_key = old.idempotency_key
      RETURNING l.integration_id, l.idempotency_key, (old.state = 'CLAIMED') AS in_doubt
      """;

  private static Set<String> integrationIds(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    Set<String> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.getString("integration_id")));
    return ids;
  }
}
