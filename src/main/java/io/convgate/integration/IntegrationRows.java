package io.convgate.integration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The writes of integration rows (insert, key replacement, field changes), each dropping this
 * instance's cached copy. Callers check what they write ({@link IntegrationAdmin}, {@link
 * ConnectPage}); a retired row is never changed.
 */
@ApplicationScoped
class IntegrationRows {

  private final Pool pool;
  private final IntegrationKeys keys;
  private final IntegrationRegistry registry;
  private final IntegrationViews views;
  private final Clock clock;

  IntegrationRows(
      Pool pool,
      IntegrationKeys keys,
      IntegrationRegistry registry,
      IntegrationViews views,
      Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.registry = registry;
    this.views = views;
    this.clock = clock;
  }

  /** The non-secret fields of an integration to insert. */
  public record NewIntegration(
      String id,
      String name,
      String destination,
      Map<String, String> settings,
      Integer perSecond,
      Integer perMinute) {}

  /**
   * Inserts an integration: ACTIVE when Hyros confirmed the key, KEY_UNCHECKED (held) when it could
   * not be asked.
   */
  Uni<Void> insert(SqlClient client, NewIntegration row, String hyrosApiKey, KeyState state) {
    OffsetDateTime now = now();
    String id = row.id();
    return client
        .preparedQuery(
            "INSERT INTO integrations (id, name, hyros_key_sealed, status, requests_per_second,"
                + " requests_per_minute, key_updated_at, account_email, account_roles,"
                + " key_checked_at, key_check_problem, created_at, updated_at, destination,"
                + " settings)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7, $7, $12, $13)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    row.name(),
                    keys.seal(id, hyrosApiKey),
                    (state.isConfirmed()
                            ? IntegrationStatus.ACTIVE
                            : IntegrationStatus.KEY_UNCHECKED)
                        .name(),
                    row.perSecond(),
                    row.perMinute(),
                    now,
                    state.email(),
                    state.roles(),
                    utc(state.checkedAt()),
                    state.problem(),
                    row.destination(),
                    IntegrationSettings.write(row.settings()))))
        .invoke(() -> registry.forget(id))
        .replaceWithVoid();
  }

  Uni<Boolean> replaceKey(SqlClient client, String id, String hyrosApiKey, KeyState state) {
    return client
        .preparedQuery(
            "UPDATE integrations SET hyros_key_sealed = $2, hyros_api_key = NULL,"
                + " key_updated_at = $3, updated_at = $3, account_email = $4::text,"
                + " account_roles = $5::text, key_checked_at = $6::timestamptz,"
                + " key_check_problem = $7::text,"
                + " status = CASE WHEN status = 'PAUSED' THEN 'PAUSED'"
                + " WHEN $6::timestamptz IS NOT NULL THEN 'ACTIVE' ELSE 'KEY_UNCHECKED' END"
                + " WHERE id = $1 AND status <> 'RETIRED'")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    keys.seal(id, hyrosApiKey),
                    now(),
                    state.email(),
                    state.roles(),
                    utc(state.checkedAt()),
                    state.problem())))
        .invoke(() -> registry.forget(id))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * One UPDATE of a live integration ({@code set} and {@code where} with their parameters from
   * {@code $2}); no row changed: there is none with this id (404), or it is retired (409).
   */
  Uni<IntegrationView> change(String id, String set, String where, Object... args) {
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.addAll(Arrays.asList(args));
    values.add(now());
    int nowIndex = values.size();
    return pool.preparedQuery(
            "UPDATE integrations SET "
                + set
                + ", updated_at = $"
                + nowIndex
                + " WHERE id = $1 AND status <> 'RETIRED'"
                + where)
        .execute(Tuple.from(values))
        .invoke(() -> registry.forget(id))
        .chain(rows -> rows.rowCount() == 0 ? views.live(id) : views.get(id));
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(Instant time) {
    return time == null ? null : time.atOffset(ZoneOffset.UTC);
  }
}
