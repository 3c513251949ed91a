package io.convgate.ledger;

import io.convgate.retention.RetentionConfig;
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
   * Inserts new keys as CLAIMED; re-claims keys left CLAIMED (in doubt) and counts that, unless the
   * key is in the park: then a release batch has reclaimed it, and the park delivers it (a record
   * read again after a rebalance finds it so; decision 0064), and the poll leaves it alone. Leaves
   * finished keys alone unless they are older than the dedupe horizon ($5, seconds): such a row is
   * forgotten, whether or not retention has removed it yet, and is claimed again as new (its row
   * starts over, in_doubt_count 0). {@code xmax = 0} tells an inserted row from an updated one, and
   * an in_doubt_count of 0 after the update tells a row started over from one in doubt. The same
   * statement names the batch's integrations that have parked deliveries (rows with a null key), so
   * a poll costs one round trip before its sends, not two.
   *
   * <p>Kept under the SQL client's prepared-statement cache limit (2,048 characters, {@code
   * SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT}): a longer text is prepared again
   * on every claim (LedgerStatementsTest).
   */
  static final String CLAIM =
      """
      WITH claimed AS (
        INSERT INTO delivery_ledger AS l
          (integration_id, idempotency_key, event_id, event_type, state, attempts, created_at, updated_at)
        SELECT u.integration_id, u.idempotency_key, u.event_id, u.event_type, 'CLAIMED', 0, now(), now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
          AS u(integration_id, idempotency_key, event_id, event_type)
        ON CONFLICT (integration_id, idempotency_key) DO UPDATE SET
          in_doubt_count = CASE WHEN l.state = 'CLAIMED' THEN l.in_doubt_count + 1 ELSE 0 END,
          event_id = CASE WHEN l.state = 'CLAIMED' THEN l.event_id ELSE excluded.event_id END,
          event_type = CASE WHEN l.state = 'CLAIMED' THEN l.event_type ELSE excluded.event_type END,
          created_at = CASE WHEN l.state = 'CLAIMED' THEN l.created_at ELSE now() END,
          attempts = CASE WHEN l.state = 'CLAIMED' THEN l.attempts ELSE 0 END,
          last_http_status = CASE WHEN l.state = 'CLAIMED' THEN l.last_http_status END,
          hyros_request_id = CASE WHEN l.state = 'CLAIMED' THEN l.hyros_request_id END,
          last_error = CASE WHEN l.state = 'CLAIMED' THEN l.last_error END,
          delivered_at = NULL,
          timeout_repeats = CASE WHEN l.state = 'CLAIMED' THEN l.timeout_repeats ELSE 0 END,
          connection_lost_repeats =
            CASE WHEN l.state = 'CLAIMED' THEN l.connection_lost_repeats ELSE 0 END,
          state = 'CLAIMED',
          updated_at = now()
          WHERE (l.state = 'CLAIMED' AND NOT EXISTS (SELECT 1 FROM parked_deliveries p
                 WHERE p.integration_id = l.integration_id AND p.idempotency_key = l.idempotency_key))
             OR (l.state IN ('DELIVERED', 'DEAD_LETTERED')
                 AND l.created_at <= now() - $5::bigint * interval '1 second')
        RETURNING integration_id, idempotency_key, (xmax = 0 OR in_doubt_count = 0) AS fresh
      )
      SELECT integration_id, idempotency_key, fresh FROM claimed
      UNION ALL
      SELECT DISTINCT p.integration_id, NULL::text, NULL::boolean FROM parked_deliveries p
      WHERE p.integration_id = ANY($1::text[])
      """;

  /**
   * Records a batch's outcomes by key: the UPDATE lives in a function (migration V5) in which the
   * planner may only reach the rows through the primary key, whatever the ledger's size or
   * statistics (decision 0022).
   */
  static final String RECORD =
      "SELECT record_delivery_outcomes($1::text[], $2::text[], $3::text[], $4::int[], $5::int[],"
          + " $6::text[], $7::text[], $8::int[], $9::int[])";

  /** Gives back claims of deliveries that were never attempted (a poll cut short by shutdown). */
  private static final String RELEASE =
      """
      DELETE FROM delivery_ledger AS l
      USING unnest($1::text[], $2::text[]) AS u(integration_id, idempotency_key)
      WHERE l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        AND l.state = 'CLAIMED' AND l.attempts = 0 AND l.in_doubt_count = 0
      """;

  private final Pool pool;
  private final long horizonSeconds;

  public Ledger(Pool pool, RetentionConfig retention) {
    this.pool = pool;
    this.horizonSeconds = retention.ledgerHorizon().toSeconds();
  }

  /** Claims a batch; the requests must not repeat a key. */
  public Uni<ClaimResult> claim(List<ClaimRequest> requests) {
    if (requests.isEmpty()) {
      return Uni.createFrom().item(new ClaimResult(Set.of(), Set.of(), Set.of(), Set.of()));
    }
    Tuple args =
        Tuple.of(
            requests.stream().map(r -> r.key().integrationId()).toArray(String[]::new),
            requests.stream().map(r -> r.key().idempotencyKey()).toArray(String[]::new),
            requests.stream().map(ClaimRequest::eventId).toArray(String[]::new),
            requests.stream().map(ClaimRequest::eventType).toArray(String[]::new),
            horizonSeconds);
    return pool.preparedQuery(CLAIM)
        .execute(args)
        .map(
            rows -> {
              Set<LedgerKey> claimed = new HashSet<>();
              Set<LedgerKey> inDoubt = new HashSet<>();
              Set<String> parkedBacklogs = new HashSet<>();
              for (Row row : rows) {
                String idempotencyKey = row.getString("idempotency_key");
                if (idempotencyKey == null) {
                  parkedBacklogs.add(row.getString("integration_id"));
                  continue;
                }
                LedgerKey key = new LedgerKey(row.getString("integration_id"), idempotencyKey);
                (row.getBoolean("fresh") ? claimed : inDoubt).add(key);
              }
              Set<LedgerKey> done = new HashSet<>();
              requests.stream()
                  .map(ClaimRequest::key)
                  .filter(k -> !claimed.contains(k) && !inDoubt.contains(k))
                  .forEach(done::add);
              return new ClaimResult(claimed, inDoubt, done, parkedBacklogs);
            });
  }

  static final String PARK =
      """
      INSERT INTO parked_deliveries (integration_id, idempotency_key, command, reason)
      SELECT u.integration_id, u.idempotency_key, u.command, u.reason
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
        AS u(integration_id, idempotency_key, command, reason, n)
      JOIN delivery_ledger l
        ON l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        AND l.state = 'PARKED'
      ORDER BY u.n
      ON CONFLICT (integration_id, idempotency_key) DO NOTHING
      """;

  static final String UNPARK =
      """
      DELETE FROM parked_deliveries AS p
      USING unnest($1::text[], $2::text[]) AS u(integration_id, idempotency_key)
      WHERE p.integration_id = u.integration_id AND p.idempotency_key = u.idempotency_key
      """;

  /**
   * Settles a batch in one transaction: records the outcomes (delivered, dead-lettered or parked),
   * parks what is held back, and removes released deliveries from the park.
   */
  public Uni<Void> settle(
      List<Outcome> outcomes, List<ParkedDelivery> parked, List<LedgerKey> unparked) {
    if (outcomes.isEmpty() && parked.isEmpty() && unparked.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (parked.isEmpty() && unparked.isEmpty()) {
      // One statement is atomic on its own: no BEGIN and COMMIT round trips around it.
      return record(outcomes);
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

  static Tuple keyArgs(List<LedgerKey> keys) {
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
        .addArrayOfString(outcomes.stream().map(Outcome::error).toArray(String[]::new))
        .addArrayOfInteger(outcomes.stream().map(Outcome::timeoutRepeats).toArray(Integer[]::new))
        .addArrayOfInteger(
            outcomes.stream().map(Outcome::connectionLostRepeats).toArray(Integer[]::new));
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
