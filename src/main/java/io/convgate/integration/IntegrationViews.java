package io.convgate.integration;

import io.convgate.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Integrations as the admin API shows them: status, limits, last delivery, last error, park. */
@ApplicationScoped
public class IntegrationViews {

  private static final String VIEW =
      "SELECT i.id, i.name, i.status, i.requests_per_second, i.requests_per_minute,"
          + " i.account_email, i.account_roles, i.key_updated_at, i.created_at, i.updated_at,"
          + " i.retired_at, i.retired_by,"
          + " (SELECT max(l.delivered_at) FROM delivery_ledger l WHERE l.integration_id = i.id)"
          + " AS last_delivery_at,"
          + " (SELECT count(*) FROM parked_deliveries p WHERE p.integration_id = i.id) AS parked,"
          + " d.dead_lettered_at AS error_at, d.http_status AS error_status, d.reason AS error"
          + " FROM integrations i LEFT JOIN LATERAL (SELECT dead_lettered_at, http_status, reason"
          + " FROM dead_letters x WHERE x.integration_id = i.id AND x.state <> 'DISCARDED'"
          + " ORDER BY dead_lettered_at DESC LIMIT 1) d ON true";

  private final Pool pool;

  public IntegrationViews(Pool pool) {
    this.pool = pool;
  }

  /** Every integration, by id; retired ones only when asked for. */
  public Uni<List<IntegrationView>> list(boolean includeRetired) {
    return pool.query(
            VIEW + (includeRetired ? "" : " WHERE i.status <> 'RETIRED'") + " ORDER BY i.id")
        .execute()
        .map(IntegrationViews::views);
  }

  /** One integration, retired or not; 404 if there is none with this id. */
  public Uni<IntegrationView> get(String id) {
    return pool.preparedQuery(VIEW + " WHERE i.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                views(rows).stream()
                    .findFirst()
                    .orElseThrow(
                        () -> ApiException.notFound("no integration with id '" + id + "'")));
  }

  /**
   * The integration, or a 409 that says it was retired: nothing may change a retired integration.
   */
  public Uni<IntegrationView> live(String id) {
    return get(id)
        .invoke(
            view -> {
              if (view.status() == IntegrationStatus.RETIRED) {
                throw retired(view);
              }
            });
  }

  /** Passes unless an integration with this id exists and is retired (409). */
  public Uni<Void> notRetired(String id) {
    return pool.preparedQuery(VIEW + " WHERE i.id = $1 AND i.status = 'RETIRED'")
        .execute(Tuple.of(id))
        .invoke(
            rows -> {
              if (rows.size() > 0) {
                throw retired(views(rows).get(0));
              }
            })
        .replaceWithVoid();
  }

  static ApiException retired(IntegrationView view) {
    return ApiException.conflict(
        "integration '"
            + view.id()
            + "' was retired on "
            + view.retiredAt()
            + " by "
            + view.retiredBy()
            + ": it cannot be changed, and its id cannot be used again");
  }

  private static List<IntegrationView> views(RowSet<Row> rows) {
    List<IntegrationView> views = new ArrayList<>();
    for (Row row : rows) {
      String email = row.getString("account_email");
      String roles = row.getString("account_roles");
      Instant errorAt = instant(row.getOffsetDateTime("error_at"));
      views.add(
          new IntegrationView(
              row.getString("id"),
              row.getString("name"),
              IntegrationStatus.valueOf(row.getString("status")),
              row.getInteger("requests_per_second"),
              row.getInteger("requests_per_minute"),
              email == null
                  ? null
                  : new IntegrationView.Account(
                      email,
                      roles == null || roles.isEmpty() ? List.of() : List.of(roles.split(","))),
              instant(row.getOffsetDateTime("key_updated_at")),
              instant(row.getOffsetDateTime("last_delivery_at")),
              errorAt == null
                  ? null
                  : new IntegrationView.LastError(
                      errorAt, row.getInteger("error_status"), row.getString("error")),
              row.getLong("parked"),
              instant(row.getOffsetDateTime("created_at")),
              instant(row.getOffsetDateTime("updated_at")),
              instant(row.getOffsetDateTime("retired_at")),
              row.getString("retired_by")));
    }
    return views;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
