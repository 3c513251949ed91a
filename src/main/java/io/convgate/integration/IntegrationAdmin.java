package io.convgate.integration;

import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Integrations as a managed resource: create, change limits, rotate the key, pause and resume, show
 * status. Every change drops this instance's cached copy; other instances see it within {@code
 * convgate.integrations.cache-ttl}.
 */
@ApplicationScoped
public class IntegrationAdmin {

  static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");

  /**
   * The reason codes of a delivery the destination refused ({@code hyros-rejected}) or kept failing
   * ({@code retries-exhausted}): the integration's last error. Other delivery-stage codes never
   * reached the destination.
   */
  private static final String DESTINATION_ERRORS = "('hyros-rejected', 'retries-exhausted')";

  private static final String VIEW =
      "SELECT i.id, i.name, i.status, i.requests_per_second, i.requests_per_minute,"
          + " i.account_email, i.account_roles, i.key_updated_at, i.created_at, i.updated_at,"
          + " (SELECT max(l.delivered_at) FROM delivery_ledger l WHERE l.integration_id = i.id)"
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
  private final IntegrationKeys keys;
  private final IntegrationRegistry registry;
  private final Clock clock;

  public IntegrationAdmin(
      Pool pool, IntegrationKeys keys, IntegrationRegistry registry, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.registry = registry;
    this.clock = clock;
  }

  public Uni<List<IntegrationView>> list() {
    return pool.query(VIEW + " ORDER BY i.id").execute().map(IntegrationAdmin::views);
  }

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

  public Uni<IntegrationView> create(
      String id, String name, String hyrosApiKey, Integer perSecond, Integer perMinute) {
    List<ApiError.Problem> problems = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(
          new ApiError.Problem("/id", "is required: 1-64 characters of a-z, 0-9, '.', '_' or '-'"));
    }
    if (name != null && name.length() > 200) {
      problems.add(new ApiError.Problem("/name", "must be at most 200 characters"));
    }
    checkKey("/hyrosApiKey", hyrosApiKey, problems);
    checkLimit("/requestsPerSecond", perSecond, problems);
    checkLimit("/requestsPerMinute", perMinute, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the integration cannot be created as asked", problems);
    }
    return insert(pool, id, name == null ? id : name, hyrosApiKey, perSecond, perMinute, null)
        .onFailure(PgException.class)
        .transform(
            e ->
                "23505".equals(((PgException) e).getSqlState())
                    ? ApiException.conflict(
                        "an integration with id '" + id + "' exists; rotate its key instead")
                    : e)
        .chain(() -> get(id));
  }

  /** Inserts an integration; the account is set when it was connected by code. */
  Uni<Void> insert(
      SqlClient client,
      String id,
      String name,
      String hyrosApiKey,
      Integer perSecond,
      Integer perMinute,
      IntegrationView.Account account) {
    OffsetDateTime now = now();
    return client
        .preparedQuery(
            "INSERT INTO integrations (id, name, hyros_key_sealed, status, requests_per_second,"
                + " requests_per_minute, key_updated_at, account_email, account_roles,"
                + " created_at, updated_at)"
                + " VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6, $7, $8, $6, $6)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    name,
                    keys.seal(id, hyrosApiKey),
                    perSecond,
                    perMinute,
                    now,
                    account == null ? null : account.email(),
                    account == null ? null : String.join(",", account.roles()))))
        .invoke(() -> registry.forget(id))
        .replaceWithVoid();
  }

  /** Changes name and limits; a limit set to null goes back to Hyros' default. */
  public Uni<IntegrationView> update(
      String id,
      boolean setName,
      String name,
      boolean setPerSecond,
      Integer perSecond,
      boolean setPerMinute,
      Integer perMinute) {
    List<ApiError.Problem> problems = new ArrayList<>();
    if (setName && (name == null || name.isBlank() || name.length() > 200)) {
      problems.add(new ApiError.Problem("/name", "must be 1-200 characters"));
    }
    checkLimit("/requestsPerSecond", perSecond, problems);
    checkLimit("/requestsPerMinute", perMinute, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the integration cannot be changed as asked", problems);
    }
    return change(
        id,
        "name = CASE WHEN $2 THEN $3 ELSE name END,"
            + " requests_per_second = CASE WHEN $4 THEN $5 ELSE requests_per_second END,"
            + " requests_per_minute = CASE WHEN $6 THEN $7 ELSE requests_per_minute END",
        "",
        setName,
        name,
        setPerSecond,
        perSecond,
        setPerMinute,
        perMinute);
  }

  /** Replaces the key; an integration Hyros had refused becomes ACTIVE again. */
  public Uni<IntegrationView> rotateKey(String id, String hyrosApiKey) {
    List<ApiError.Problem> problems = new ArrayList<>();
    checkKey("/hyrosApiKey", hyrosApiKey, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the key cannot be replaced as asked", problems);
    }
    return replaceKey(pool, id, hyrosApiKey, null).chain(() -> get(id));
  }

  Uni<Boolean> replaceKey(
      SqlClient client, String id, String hyrosApiKey, IntegrationView.Account account) {
    return client
        .preparedQuery(
            "UPDATE integrations SET hyros_key_sealed = $2, hyros_api_key = NULL,"
                + " key_updated_at = $3, updated_at = $3, account_email = $4, account_roles = $5,"
                + " status = CASE WHEN status = 'AUTH_FAILED' THEN 'ACTIVE' ELSE status END"
                + " WHERE id = $1")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    keys.seal(id, hyrosApiKey),
                    now(),
                    account == null ? null : account.email(),
                    account == null ? null : String.join(",", account.roles()))))
        .invoke(() -> registry.forget(id))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<IntegrationView> pause(String id) {
    return change(id, "status = 'PAUSED'", "", new Object[0]);
  }

  /** Resumes a paused integration; one Hyros refused needs a new key instead. */
  public Uni<IntegrationView> resume(String id) {
    return get(id)
        .chain(
            current -> {
              if (current.status() == IntegrationStatus.AUTH_FAILED) {
                throw ApiException.conflict(
                    "integration '"
                        + id
                        + "' is AUTH_FAILED: Hyros refused its key; replace the key (PUT"
                        + " /api/v1/integrations/"
                        + id
                        + "/key) and it resumes");
              }
              return change(id, "status = 'ACTIVE'", "", new Object[0]);
            });
  }

  private Uni<IntegrationView> change(String id, String set, String where, Object... args) {
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
                + " WHERE id = $1"
                + where)
        .execute(Tuple.from(values))
        .invoke(() -> registry.forget(id))
        .chain(
            rows -> {
              if (rows.rowCount() == 0) {
                throw ApiException.notFound("no integration with id '" + id + "'");
              }
              return get(id);
            });
  }

  private static void checkKey(String pointer, String key, List<ApiError.Problem> problems) {
    if (key == null || key.isBlank()) {
      problems.add(new ApiError.Problem(pointer, "is required: the Hyros API key"));
    } else if (key.length() > 512 || !key.strip().equals(key)) {
      problems.add(
          new ApiError.Problem(
              pointer,
              "must be the key as Hyros shows it, without spaces (at most 512 characters)"));
    }
  }

  private static void checkLimit(String pointer, Integer value, List<ApiError.Problem> problems) {
    if (value != null && value <= 0) {
      problems.add(
          new ApiError.Problem(pointer, "must be a positive number, or null for Hyros' default"));
    }
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static List<IntegrationView> views(RowSet<Row> rows) {
    List<IntegrationView> views = new ArrayList<>();
    for (Row row : rows) {
      String email = row.getString("account_email");
      String roles = row.getString("account_roles");
      Instant errorAt = instant(row.getOffsetDateTime("error_at"));
      Instant rejectedAt = instant(row.getOffsetDateTime("rejected_at"));
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
              instant(row.getOffsetDateTime("updated_at"))));
    }
    return views;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
