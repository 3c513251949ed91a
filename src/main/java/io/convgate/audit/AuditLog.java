package io.convgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who changed what, when, and how it ended: one row per operator action (key created or revoked,
 * integration created, rotated, paused, connected; dead letter replayed or discarded), and the API
 * calls it refused, counted ({@link RefusalLog}). Details never hold a secret.
 */
@ApplicationScoped
public class AuditLog {

  private static final String INSERT =
      "INSERT INTO audit_log (at, actor, action, target, detail, outcome)"
          + " VALUES ($1, $2, $3, $4, $5, $6)";

  private final Pool pool;
  private final Clock clock;
  private final ObjectMapper json;

  public AuditLog(Pool pool, Clock clock, ObjectMapper json) {
    this.pool = pool;
    this.clock = clock;
    this.json = json;
  }

  /**
   * One audited action.
   *
   * @param at when
   * @param actor the key that acted, e.g. {@code cgw_ab12cd34ef (person jane@example.com)}
   * @param action e.g. {@code integration.rotate-key}
   * @param target what it acted on, e.g. {@code integration shop-eu}
   * @param detail what was asked, without secrets
   * @param outcome {@code ok}, or what went wrong
   */
  public record Entry(
      java.time.Instant at,
      String actor,
      String action,
      String target,
      Map<String, Object> detail,
      String outcome) {}

  public Uni<Void> record(
      String actor, String action, String target, Map<String, ?> detail, String outcome) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                clock.instant().atOffset(ZoneOffset.UTC),
                actor,
                action,
                target,
                new JsonObject(json.convertValue(detail, Map.class)),
                outcome))
        .replaceWithVoid();
  }

  /** Several rows in one round trip. */
  public Uni<Void> recordAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      rows.add(
          Tuple.of(
              entry.at().atOffset(ZoneOffset.UTC),
              entry.actor(),
              entry.action(),
              entry.target(),
              new JsonObject(json.convertValue(entry.detail(), Map.class)),
              entry.outcome()));
    }
    return pool.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
  }

  /**
   * The newest rows first.
   *
   * @param targetPrefix only rows whose target starts with it; null for all
   * @param action only rows of this action, e.g. {@code api.refused}; null for all
   */
  public Uni<List<Entry>> recent(int limit, String targetPrefix, String action) {
    return pool.preparedQuery(
            "SELECT at, actor, action, target, detail, outcome FROM audit_log"
                + " WHERE ($2::text IS NULL OR target LIKE $2 || '%')"
                + " AND ($3::text IS NULL OR action = $3)"
                + " ORDER BY id DESC LIMIT $1")
        .execute(Tuple.of(limit, targetPrefix, action))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              for (Row row : rows) {
                JsonObject detail = (JsonObject) row.getValue("detail");
                entries.add(
                    new Entry(
                        row.getOffsetDateTime("at").toInstant(),
                        row.getString("actor"),
                        row.getString("action"),
                        row.getString("target"),
                        detail == null ? Map.of() : detail.getMap(),
                        row.getString("outcome")));
              }
              return entries;
            });
  }
}
