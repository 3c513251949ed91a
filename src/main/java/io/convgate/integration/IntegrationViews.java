package io.convgate.integration;

import io.convgate.api.ApiException;
import io.convgate.pipeline.HeartbeatGauges;
import io.convgate.pipeline.PipelineMetrics;
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

  /**
   * The reason codes of a delivery the destination refused ({@code hyros-rejected}) or kept failing
   * ({@code retries-exhausted}): the integration's last error. Other delivery-stage codes never
   * reached the destination.
   */
  private static final String DESTINATION_ERRORS = "('hyros-rejected', 'retries-exhausted')";

  static final String SELECT =
      "SELECT i.id, i.name, i.destination, i.settings, i.status, i.requests_per_second, i.requests_per_minute,"
          + " i.account_email, i.account_roles, i.key_updated_at, i.key_checked_at,"
          + " i.key_check_problem, i.created_at, i.updated_at, i.retired_at, i.retired_by,"
          // Written back by every instance each metrics interval (decision 0057); this instance's
          // own later deliveries are laid over it in read().
          + " (SELECT h.delivered_at FROM delivery_heartbeats h WHERE h.integration_id = i.id)"
          + " AS last_delivery_at,"
          + " (SELECT count(*) FROM parked_deliveries p WHERE p.integration_id = i.id) AS parked,"
          + " e.dead_lettered_at AS error_at, e.reason_code AS error_code,"
          + " e.http_status AS error_status, coalesce(nullif(l.last_error, ''), e.reason) AS error,"
          + " r.dead_lettered_at AS rejected_at, r.reason_code AS rejected_code,"
          + " r.reason AS rejected"
          + " FROM integrations i"
          // The newest delivery the destination refused, with what it said (the ledger's error).
          + " LEFT JOIN LATERAL (SELECT dead_lettered_at, reason_code, http_status, reason,"
          + " idempotency_key FROM dead_letters x WHERE x.integration_id = i.id"
          + " AND x.state <> 'DISCARDED' AND x.stage = 'delivery' AND x.reason_code IN "
          + DESTINATION_ERRORS
          + " ORDER BY dead_lettered_at DESC LIMIT 1) e ON true"
          + " LEFT JOIN delivery_ledger l"
          + " ON l.integration_id = i.id AND l.idempotency_key = e.idempotency_key"
          // The newest event refused at ingest: the producer's problem, shown apart.
          + " LEFT JOIN LATERAL (SELECT dead_lettered_at, reason_code, reason FROM dead_letters x"
          + " WHERE x.integration_id = i.id AND x.state <> 'DISCARDED' AND x.stage = 'ingest'"
          + " ORDER BY dead_lettered_at DESC LIMIT 1) r ON true";

  private final Pool pool;
  private final HeartbeatGauges heartbeats;

  public IntegrationViews(Pool pool, PipelineMetrics metrics) {
    this.pool = pool;
    this.heartbeats = metrics.heartbeats();
  }

  /** Every integration, by id; retired ones only when asked for. */
  public Uni<List<IntegrationView>> list(boolean includeRetired) {
    return pool.query(
            SELECT + (includeRetired ? "" : " WHERE i.status <> 'RETIRED'") + " ORDER BY i.id")
        .execute()
        .map(this::read);
  }

  /** One integration, retired or not; 404 if there is none with this id. */
  public Uni<IntegrationView> get(String id) {
    return pool.preparedQuery(SELECT + " WHERE i.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                read(rows).stream()
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
    return pool.preparedQuery(SELECT + " WHERE i.id = $1 AND i.status = 'RETIRED'")
        .execute(Tuple.of(id))
        .invoke(
            rows -> {
              if (rows.size() > 0) {
                throw retired(read(rows).get(0));
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

  /**
   * The rows as views. {@code lastDeliveryAt} is the later of the integration's written-back
   * heartbeat and the last delivery this instance made itself: exact to the second for this
   * instance's deliveries, at most one {@code convgate.metrics.integrations-interval} late for
   * another instance's (decision 0057), and never a read of the ledger.
   */
  List<IntegrationView> read(RowSet<Row> rows) {
    List<IntegrationView> views = new ArrayList<>();
    for (Row row : rows) {
      String id = row.getString("id");
      Instant errorAt = instant(row.getOffsetDateTime("error_at"));
      Instant rejectedAt = instant(row.getOffsetDateTime("rejected_at"));
      views.add(
          new IntegrationView(
              id,
              row.getString("name"),
              row.getString("destination"),
              IntegrationSettings.read(row.getString("settings")),
              IntegrationStatus.valueOf(row.getString("status")),
              row.getInteger("requests_per_second"),
              row.getInteger("requests_per_minute"),
              account(row.getString("account_email"), row.getString("account_roles")),
              instant(row.getOffsetDateTime("key_updated_at")),
              instant(row.getOffsetDateTime("key_checked_at")),
              row.getString("key_check_problem"),
              later(
                  instant(row.getOffsetDateTime("last_delivery_at")), heartbeats.deliveredHere(id)),
              errorAt == null
                  ? null
                  : new IntegrationView.LastError(
                      errorAt,
                      row.getString("error_code"),
                      row.getInteger("error_status"),
                      row.getString("error")),
              rejectedAt == null
                  ? null
                  : new IntegrationView.LastRejection(
                      rejectedAt, row.getString("rejected_code"), row.getString("rejected")),
              row.getLong("parked"),
              instant(row.getOffsetDateTime("created_at")),
              instant(row.getOffsetDateTime("updated_at")),
              instant(row.getOffsetDateTime("retired_at")),
              row.getString("retired_by")));
    }
    return views;
  }

  private static Instant later(Instant written, Instant here) {
    if (written == null) {
      return here;
    }
    return here == null || written.isAfter(here) ? written : here;
  }

  /** Roles are null (not shown) when Hyros did not name them: user-info does not. */
  private static IntegrationView.Account account(String email, String roles) {
    if (email == null) {
      return null;
    }
    return new IntegrationView.Account(
        email, roles == null ? null : roles.isEmpty() ? List.of() : List.of(roles.split(",")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
