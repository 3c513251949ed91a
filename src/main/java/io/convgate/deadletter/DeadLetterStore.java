package io.convgate.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code dead_letters} index: every record of {@code convgate.dead-letter}, queryable. */
@ApplicationScoped
public class DeadLetterStore {

  private static final String SUMMARY =
      "id, state, stage, reason_code, reason, http_status, integration_id, event_id, event_type,"
          + " source_topic, dead_lettered_at, replay_count";

  private final Pool pool;
  private final DeadLetterRows mapping;

  public DeadLetterStore(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.mapping = new DeadLetterRows(json);
  }

  /** A dead letter as read from the topic, ready to index. */
  public record Indexed(
      int dlPartition,
      long dlOffset,
      Instant at,
      Map<String, String> convgateHeaders,
      String idempotencyKey,
      byte[] key,
      byte[] value,
      HeaderList allHeaders) {}

  /** A dead letter as a replay needs it. */
  /**
   * @param integration the integration the dead letter names: the one the delivery failed for, or
   *     the event's own at ingest; null when it names none (a routed event, decision 0053)
   */
  public record Stored(long id, OriginalRecord original, String integration) {}

  /** Indexes a batch; records indexed before (a re-read after a restart) are left as they are. */
  public Uni<Void> insert(List<Indexed> letters) {
    if (letters.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    for (Indexed l : letters) {
      Map<String, String> h = l.convgateHeaders();
      JsonArray headers = new JsonArray();
      l.allHeaders()
          .forEach(
              (name, value) ->
                  headers.add(
                      new JsonObject()
                          .put("name", name)
                          .put(
                              "value",
                              value == null ? null : Base64.getEncoder().encodeToString(value))));
      rows.add(
          Tuple.from(
              Arrays.asList(
                  l.dlPartition(),
                  l.dlOffset(),
                  h.get(DeadLetterHeaders.STAGE),
                  h.get(DeadLetterHeaders.REASON_CODE),
                  h.get(DeadLetterHeaders.REASON),
                  DeadLetterRows.parseInt(h.get(DeadLetterHeaders.HTTP_STATUS)),
                  h.get(DeadLetterHeaders.INTEGRATION),
                  h.get(DeadLetterHeaders.EVENT_ID),
                  h.get(DeadLetterHeaders.EVENT_TYPE),
                  l.idempotencyKey(),
                  h.get(DeadLetterHeaders.TOPIC),
                  DeadLetterRows.parseInt(h.get(DeadLetterHeaders.PARTITION)),
                  DeadLetterRows.parseLong(h.get(DeadLetterHeaders.OFFSET)),
                  l.key() == null ? null : io.vertx.core.buffer.Buffer.buffer(l.key()),
                  l.value() == null ? null : io.vertx.core.buffer.Buffer.buffer(l.value()),
                  headers,
                  l.at().atOffset(ZoneOffset.UTC))));
    }
    return pool.preparedQuery(
            "INSERT INTO dead_letters (dl_partition, dl_offset, stage, reason_code, reason,"
                + " http_status, integration_id, event_id, event_type, idempotency_key,"
                + " source_topic, source_partition, source_offset, record_key, payload, headers,"
                + " dead_lettered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
                + " $13, $14, $15, $16, $17) ON CONFLICT (dl_partition, dl_offset, dead_lettered_at) DO NOTHING")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  /**
   * A page of matching dead letters, newest first (by id, the order they were indexed in).
   *
   * @param after the last id of the previous page: this page holds older ones; null for the first
   */
  public Uni<List<DeadLetterSummary>> list(DeadLetterFilter filter, int limit, Long after) {
    List<Object> args = new ArrayList<>(filter.args());
    args.add(after);
    args.add(limit);
    return pool.preparedQuery(
            "SELECT "
                + SUMMARY
                + " FROM dead_letters"
                + DeadLetterFilter.WHERE
                + " AND ($8::bigint IS NULL OR id < $8) ORDER BY id DESC LIMIT $9")
        .execute(Tuple.from(args))
        .map(DeadLetterRows::summaries);
  }

  public Uni<Map<String, Long>> countByState() {
    return pool.query("SELECT state, count(*) AS n FROM dead_letters GROUP BY state")
        .execute()
        .map(
            rows -> {
              Map<String, Long> counts = new LinkedHashMap<>();
              for (DeadLetterState state : DeadLetterState.values()) {
                counts.put(state.name(), 0L);
              }
              rows.forEach(row -> counts.put(row.getString("state"), row.getLong("n")));
              return counts;
            });
  }

  public Uni<Optional<DeadLetterDetail>> detail(long id) {
    Uni<RowSet<Row>> letter =
        pool.preparedQuery("SELECT * FROM dead_letters WHERE id = $1").execute(Tuple.of(id));
    Uni<RowSet<Row>> history =
        pool.preparedQuery(
                "SELECT job_id, state, detail, updated_at FROM replay_items"
                    + " WHERE dead_letter_id = $1 ORDER BY updated_at")
            .execute(Tuple.of(id));
    return Uni.combine()
        .all()
        .unis(letter, history)
        .asTuple()
        .map(
            both -> {
              if (both.getItem1().size() == 0) {
                return Optional.empty();
              }
              List<DeadLetterDetail.History> past = new ArrayList<>();
              both.getItem2()
                  .forEach(
                      row ->
                          past.add(
                              new DeadLetterDetail.History(
                                  row.getString("job_id"),
                                  row.getString("state"),
                                  row.getString("detail"),
                                  row.getOffsetDateTime("updated_at").toInstant())));
              return Optional.of(mapping.toDetail(both.getItem1().iterator().next(), past));
            });
  }

  /** Discards an open dead letter; empty if there is none with this id. */
  public Uni<Optional<DeadLetterSummary>> discard(long id, String by, String reason) {
    return pool.preparedQuery(
            "UPDATE dead_letters SET state = 'DISCARDED', closed_at = now(), closed_by = $2,"
                + " close_reason = $3 WHERE id = $1 AND state IN ('OPEN', 'REPLAYED') RETURNING "
                + SUMMARY)
        .execute(Tuple.of(id, by, reason))
        .map(rows -> DeadLetterRows.summaries(rows).stream().findFirst());
  }

  /** The state of a dead letter, if it exists. */
  public Uni<Optional<DeadLetterState>> stateOf(long id) {
    return pool.preparedQuery("SELECT state FROM dead_letters WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        DeadLetterState.valueOf(rows.iterator().next().getString("state"))));
  }

  /**
   * The ids of the dead letters a replay takes, in order: by id (any state but DISCARDED or
   * REPLAYING), or by filter. Only ids: a large replay never holds every payload at once.
   */
  public Uni<List<Long>> idsForReplay(List<Long> ids, DeadLetterFilter filter, int max) {
    Uni<RowSet<Row>> rows;
    if (ids != null && !ids.isEmpty()) {
      rows =
          pool.preparedQuery(
                  "SELECT id FROM dead_letters WHERE id = ANY($1)"
                      + " AND state NOT IN ('DISCARDED', 'REPLAYING') ORDER BY id")
              .execute(Tuple.of(ids.toArray(Long[]::new)));
    } else {
      List<Object> args = new ArrayList<>(filter.args());
      args.add(max);
      rows =
          pool.preparedQuery(
                  "SELECT id FROM dead_letters"
                      + DeadLetterFilter.WHERE
                      + " AND state NOT IN ('DISCARDED', 'REPLAYING') ORDER BY id LIMIT $8")
              .execute(Tuple.from(args));
    }
    return rows.map(
        set -> {
          List<Long> found = new ArrayList<>();
          set.forEach(row -> found.add(row.getLong("id")));
          return found;
        });
  }

  /** The records of these dead letters, in id order, for one step of a replay. */
  public Uni<List<Stored>> load(List<Long> ids) {
    return pool.preparedQuery(
            "SELECT id, source_topic, source_partition, source_offset, record_key, payload,"
                + " headers, integration_id FROM dead_letters"
                + " WHERE id = ANY($1) ORDER BY id")
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            set -> {
              List<Stored> stored = new ArrayList<>();
              for (Row row : set) {
                stored.add(
                    new Stored(
                        row.getLong("id"),
                        DeadLetterRows.original(row),
                        row.getString("integration_id")));
              }
              return stored;
            });
  }
}
