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
 * The idempotency table. Each method is one SQL statement for a whole batch, whatever its size: a
 * poll of N events costs one claim and one outcome statement, not N of each.
 */
@ApplicationScoped
public class Ledger {

  /**
   * Inserts new keys as CLAIMED; re-claims keys left CLAIMED (in doubt) and counts that; leaves
   * finished keys alone. {@code xmax = 0} tells an inserted row from an updated one.
   */
  private static final String CLAIM =
      """
      INSERT INTO delivery_ledger
        (integration_id, idempotency_key, event_id, event_type, state, attempts, created_at, updated_at)
      SELECT u.integration_id, u.idempotency_key, u.event_id, u.event_type, 'CLAIMED', 0, now(), now()
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
        AS u(integration_id, idempotency_key, event_id, event_type)
      ON CONFLICT (integration_id, idempotency_key) DO UPDATE
        SET in_doubt_count = delivery_ledger.in_doubt_count + 1, updated_at = now()
        WHERE delivery_ledger.state = 'CLAIMED'
      RETURNING integration_id, idempotency_key, (xmax = 0) AS fresh
      """;

  private static final String RECORD =
      """
      UPDATE delivery_ledger AS l SET
        state = u.state,
        attempts = l.attempts + u.attempts,
        last_http_status = u.http_status,
        hyros_request_id = u.request_id,
        last_error = u.error,
        updated_at = now(),
        delivered_at = CASE WHEN u.state = 'DELIVERED' THEN now() ELSE l.delivered_at END
      FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[])
        AS u(integration_id, idempotency_key, state, attempts, http_status, request_id, error)
      WHERE l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        AND l.state IN ('CLAIMED', 'PARKED')
      """;

  /** Gives back claims of deliveries that were never attempted (a poll cut short by shutdown). */
  private static final String RELEASE =
      """
      DELETE FROM delivery_ledger AS l
      USING unnest($1::text[], $2::text[]) AS u(integration_id, idempotency_key)
      WHERE l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        AND l.state = 'CLAIMED' AND l.attempts = 0 AND l.in_doubt_count = 0
      """;

  private final Pool pool;

  public Ledger(Pool pool) {
    this.pool = pool;
  }

  /** Claims a batch; the requests must not repeat a key. */
  public Uni<ClaimResult> claim(List<ClaimRequest> requests) {
    if (requests.isEmpty()) {
      return Uni.createFrom().item(new ClaimResult(Set.of(), Set.of(), Set.of()));
    }
    Tuple args =
        Tuple.of(
            requests.stream().map(r -> r.key().integrationId()).toArray(String[]::new),
            requests.stream().map(r -> r.key().idempotencyKey()).toArray(String[]::new),
            requests.stream().map(ClaimRequest::eventId).toArray(String[]::new),
            requests.stream().map(ClaimRequest::eventType).toArray(String[]::new));
    return pool.preparedQuery(CLAIM)
        .execute(args)
        .map(
            rows -> {
              Set<LedgerKey> claimed = new HashSet<>();
              Set<LedgerKey> inDoubt = new HashSet<>();
              for (Row row : rows) {
                LedgerKey key =
                    new LedgerKey(
                        row.getString("integration_id"), row.getString("idempotency_key"));
                (row.getBoolean("fresh") ? claimed : inDoubt).add(key);
              }
              Set<LedgerKey> done = new HashSet<>();
              requests.stream()
                  .map(ClaimRequest::key)
                  .filter(k -> !claimed.contains(k) && !inDoubt.contains(k))
                  .forEach(done::add);
              return new ClaimResult(claimed, inDoubt, done);
            });
  }

  private static final String PARK =
      """
      INSERT INTO parked_deliveries (integration_id, idempotency_key, command, reason)
      SELECT u.integration_id, u.idempotency_key, u.command, u.reason
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
        AS u(integration_id, idempotency_key, command, reason, n)
      ORDER BY u.n
      ON CONFLICT (integration_id, idempotency_key) DO NOTHING
      """;

  private static final String UNPARK =
      """
      DELETE FROM parked_deliveries AS p
      USING unnest($1::text[], $2::text[]) AS u(integration_id, idempotency_key)
      WHERE p.integration_id = u.integration_id AND p.idempotency_key = u.idempotency_key
      """;

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

  private static final String PARKED_AMONG =
      "SELECT DISTINCT integration_id FROM parked_deliveries WHERE integration_id = ANY($1::text[])";

  /**
   * Settles a batch in one transaction: records the outcomes (delivered, dead-lettered or parked),
   * parks what is held back, and removes released deliveries from the park.
   */
  public Uni<Void> settle(
      List<Outcome> outcomes, List<ParkedDelivery> parked, List<LedgerKey> unparked) {
    if (outcomes.isEmpty() && parked.isEmpty() && unparked.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.withTransaction(
        connection -> {
          Uni<Void> chain = Uni.createFrom().voidItem();
          if (!outcomes.isEmpty()) {
            chain =
                chain.chain(
                    () ->
                        connection
                            .preparedQuery(RECORD)
                            .execute(recordArgs(outcomes))
                            .replaceWithVoid());
          }
          if (!parked.isEmpty()) {
            Tuple args =
                Tuple.of(
                    parked.stream().map(p -> p.key().integrationId()).toArray(String[]::new),
                    parked.stream().map(p -> p.key().idempotencyKey()).toArray(String[]::new),
                    parked.stream().map(ParkedDelivery::command).toArray(String[]::new),
                    parked.stream().map(ParkedDelivery::reason).toArray(String[]::new));
            chain =
                chain.chain(() -> connection.preparedQuery(PARK).execute(args).replaceWithVoid());
          }
          if (!unparked.isEmpty()) {
            chain =
                chain.chain(
                    () ->
                        connection
                            .preparedQuery(UNPARK)
                            .execute(keyArgs(unparked))
                            .replaceWithVoid());
          }
          return chain;
        });
  }

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
    return pool.query(PARKED_INTEGRATIONS).execute().map(Ledger::integrationIds);
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

  /** Which of these integrations have parked deliveries. */
  public Uni<Set<String>> parkedAmong(Set<String> integrationIds) {
    if (integrationIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return pool.preparedQuery(PARKED_AMONG)
        .execute(Tuple.of((Object) integrationIds.toArray(String[]::new)))
        .map(Ledger::integrationIds);
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
        .execute(keyArgs(keys))
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

  private static Tuple keyArgs(List<LedgerKey> keys) {
    return Tuple.of(
        keys.stream().map(LedgerKey::integrationId).toArray(String[]::new),
        keys.stream().map(LedgerKey::idempotencyKey).toArray(String[]::new));
  }

  /** Records the outcomes of a batch. */
  public Uni<Void> record(List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(RECORD).execute(recordArgs(outcomes)).replaceWithVoid();
  }

  private static Tuple recordArgs(List<Outcome> outcomes) {
    return Tuple.tuple()
        .addArrayOfString(
            outcomes.stream().map(o -> o.key().integrationId()).toArray(String[]::new))
        .addArrayOfString(
            outcomes.stream().map(o -> o.key().idempotencyKey()).toArray(String[]::new))
        .addArrayOfString(outcomes.stream().map(o -> o.state().name()).toArray(String[]::new))
        .addArrayOfInteger(outcomes.stream().map(Outcome::attempts).toArray(Integer[]::new))
        .addArrayOfInteger(outcomes.stream().map(Outcome::httpStatus).toArray(Integer[]::new))
        .addArrayOfString(outcomes.stream().map(Outcome::requestId).toArray(String[]::new))
        .addArrayOfString(outcomes.stream().map(Outcome::error).toArray(String[]::new));
  }

  /**
   * Releases claims that were never sent, so a later read does not count them as in doubt. A key
   * that was already in doubt keeps its row (and its count).
   */
  public Uni<Void> release(List<LedgerKey> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(RELEASE).execute(keyArgs(keys)).replaceWithVoid();
  }
}
