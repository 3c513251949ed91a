package io.convgate.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code replay_jobs} and {@code replay_items} tables. */
@ApplicationScoped
public class ReplayStore {

  private static final String JOB =
      "SELECT j.id, j.state, j.requested_by, j.created_at, j.request, j.total, j.finished_at,"
          + " count(*) FILTER (WHERE i.republished) AS republished,"
          + " count(*) FILTER (WHERE i.state = 'DELIVERED') AS delivered,"
          + " count(*) FILTER (WHERE i.state = 'SKIPPED') AS skipped,"
          + " count(*) FILTER (WHERE i.state = 'FAILED') AS failed,"
          + " count(*) FILTER (WHERE i.state IN ('PENDING', 'REPUBLISHED')) AS pending"
          + " FROM replay_jobs j LEFT JOIN replay_items i ON i.job_id = j.id";

  private final Pool pool;
  private final ObjectMapper json;

  public ReplayStore(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.json = json;
  }

  /** Records a new job, its items (pending), and marks its dead letters REPLAYING. */
  Uni<Void> create(String jobId, String actor, JsonNode request, List<Long> letters) {
    Long[] ids = letters.toArray(Long[]::new);
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "INSERT INTO replay_jobs (id, state, requested_by, request, total,"
                        + " created_at, heartbeat_at) VALUES ($1, 'RUNNING', $2, $3, $4, now(),"
                        + " now())")
                .execute(
                    Tuple.of(
                        jobId,
                        actor,
                        new JsonObject(json.convertValue(request, Map.class)),
                        letters.size()))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "INSERT INTO replay_items (job_id, dead_letter_id, state,"
                                    + " updated_at) SELECT $1, id, 'PENDING', now()"
                                    + " FROM unnest($2::bigint[]) AS id")
                            .execute(Tuple.of(jobId, ids)))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "UPDATE dead_letters SET state = 'REPLAYING', last_job_id = $2,"
                                    + " replay_count = replay_count + 1 WHERE id = ANY($1)")
                            .execute(Tuple.of(ids, jobId)))
                .replaceWithVoid());
  }

  /** Records what a chunk's step did: sent, skipped, or refused before sending. */
  Uni<Void> settleChunk(String jobId, List<ReplayJobs.Planned> chunk) {
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> letters = new ArrayList<>();
    for (ReplayJobs.Planned p : chunk) {
      String state =
          switch (p.action()) {
            case SEND -> "REPUBLISHED";
            case ALREADY_DELIVERED, IN_PROGRESS -> "SKIPPED";
            case WOULD_FAIL -> "FAILED";
          };
      String letterState =
          switch (p.action()) {
            case SEND -> "REPLAYING";
            case ALREADY_DELIVERED, IN_PROGRESS -> "REPLAYED";
            case WOULD_FAIL -> "OPEN";
          };
      rows.add(
          Tuple.from(
              Arrays.asList(
                  jobId,
                  p.letter().id(),
                  state,
                  p.detail(),
                  p.action() == ReplayPlan.Action.SEND,
                  p.key() == null ? null : p.key().integrationId(),
                  p.key() == null ? null : p.key().idempotencyKey())));
      letters.add(Tuple.of(jobId, p.letter().id(), letterState));
    }
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE replay_items SET state = $3, detail = $4, republished = $5,"
                        + " integration_id = $6, idempotency_key = $7, updated_at = now()"
                        + " WHERE job_id = $1 AND dead_letter_id = $2")
                .executeBatch(rows)
                .chain(
                    () ->
                        tx.preparedQuery(
                                "UPDATE dead_letters SET state = $3 WHERE id = $2"
                                    + " AND last_job_id = $1")
                            .executeBatch(letters))
                .replaceWithVoid());
  }

  /**
   * Items sent whose ledger row is now delivered, or dead-lettered again since they were sent, take
   * that outcome; a change found stale (older than one delivered since, decision 0043) is skipped.
   * Their dead letters become REPLAYED.
   */
  Uni<Void> confirmFromLedger(String jobId) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE replay_items i SET state = CASE WHEN l.state = 'DELIVERED' THEN"
                        + " 'DELIVERED' WHEN l.state = 'STALE' THEN 'SKIPPED' ELSE 'FAILED' END,"
                        + " detail = CASE WHEN l.state = 'DELIVERED' THEN 'delivered'"
                        + " WHEN l.state = 'STALE' THEN l.last_error ELSE 'refused again: HTTP ' ||"
                        + " coalesce(l.last_http_status::text, '-') || ' ' ||"
                        + " coalesce(l.last_error, '') END, updated_at = now()"
                        + " FROM delivery_ledger l WHERE i.job_id = $1 AND i.state = 'REPUBLISHED'"
                        + " AND l.integration_id = i.integration_id"
                        + " AND l.idempotency_key = i.idempotency_key"
                        + " AND (l.state IN ('DELIVERED', 'STALE') OR (l.state = 'DEAD_LETTERED'"
                        + " AND l.updated_at > (SELECT created_at FROM replay_jobs WHERE id = $1)))"
                        + " RETURNING i.dead_letter_id")
                .execute(Tuple.of(jobId))
                .chain(
                    rows -> {
                      List<Long> ids = new ArrayList<>();
                      rows.forEach(row -> ids.add(row.getLong("dead_letter_id")));
                      if (ids.isEmpty()) {
                        return Uni.createFrom().voidItem();
                      }
                      return tx.preparedQuery(
                              "UPDATE dead_letters SET state = 'REPLAYED' WHERE id = ANY($1)"
                                  + " AND state = 'REPLAYING'")
                          .execute(Tuple.of(ids.toArray(Long[]::new)))
                          .replaceWithVoid();
                    }));
  }

  Uni<Void> heartbeat(String jobId) {
    return pool.preparedQuery(
            "UPDATE replay_jobs SET heartbeat_at = now() WHERE id = $1 AND state = 'RUNNING'")
        .execute(Tuple.of(jobId))
        .replaceWithVoid();
  }

  /**
   * Ends a job once nothing is pending, or once it has followed its items for {@code followFor}
   * (the rest stay unconfirmed and count as failed). Returns the job if it ended now.
   */
  Uni<Optional<ReplayJob>> finishIfDone(String jobId, Duration followFor) {
    return pool.preparedQuery(
            "WITH counts AS (SELECT count(*) FILTER (WHERE state IN ('PENDING', 'REPUBLISHED'))"
                + " AS open, count(*) FILTER (WHERE state = 'FAILED') AS failed FROM replay_items"
                + " WHERE job_id = $1), timed_out AS (UPDATE replay_items SET state = 'FAILED',"
                + " detail = 'sent, but no outcome in the ledger in time', updated_at = now()"
                + " WHERE job_id = $1 AND state = 'REPUBLISHED' AND (SELECT created_at FROM"
                + " replay_jobs WHERE id = $1) < now() - $2::bigint * interval '1 second' RETURNING dead_letter_id)"
                + " UPDATE replay_jobs SET state = CASE WHEN (SELECT failed FROM counts) = 0"
                + " AND NOT EXISTS (SELECT 1 FROM timed_out) THEN 'SUCCEEDED' ELSE"
                + " 'COMPLETED_WITH_FAILURES' END, finished_at = now() WHERE id = $1 AND state ="
                + " 'RUNNING' AND ((SELECT open FROM counts) = 0 OR EXISTS (SELECT 1 FROM"
                + " timed_out)) RETURNING id")
        .execute(Tuple.of(jobId, followFor.toSeconds()))
        .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.empty()) : find(jobId));
  }

  /** Marks abandoned jobs INTERRUPTED and opens their unconfirmed dead letters again. */
  Uni<Void> interruptStale(Duration staleAfter) {
    return pool.preparedQuery(
            "WITH stale AS (UPDATE replay_jobs SET state = 'INTERRUPTED', finished_at = now()"
                + " WHERE state = 'RUNNING' AND heartbeat_at < now() - $1::bigint * interval '1 second' RETURNING id)"
                + " UPDATE dead_letters SET state = 'OPEN' WHERE state = 'REPLAYING'"
                + " AND last_job_id IN (SELECT id FROM stale)")
        .execute(Tuple.of(staleAfter.toSeconds()))
        .replaceWithVoid();
  }

  public Uni<Optional<ReplayJob>> find(String jobId) {
    return pool.preparedQuery(JOB + " WHERE j.id = $1 GROUP BY j.id")
        .execute(Tuple.of(jobId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
  }

  public Uni<List<ReplayJob>> list(int limit) {
    return pool.preparedQuery(JOB + " GROUP BY j.id ORDER BY j.created_at DESC LIMIT $1")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<ReplayJob> list = new ArrayList<>();
              rows.forEach(row -> list.add(toJob(row)));
              return list;
            });
  }

  private ReplayJob toJob(Row row) {
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    Object request = row.getValue("request");
    return new ReplayJob(
        row.getString("id"),
        row.getString("state"),
        row.getString("requested_by"),
        row.getOffsetDateTime("created_at").toInstant(),
        json.valueToTree(request instanceof JsonObject o ? o.getMap() : request),
        row.getInteger("total"),
        row.getLong("republished").intValue(),
        row.getLong("delivered").intValue(),
        row.getLong("skipped").intValue(),
        row.getLong("failed").intValue(),
        row.getLong("pending").intValue(),
        finished == null ? null : finished.toInstant());
  }
}
