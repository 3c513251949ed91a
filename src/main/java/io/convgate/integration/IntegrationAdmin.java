package io.convgate.integration;

import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
 * convgate.integrations.cache-ttl}. A retired integration cannot be changed: 409 ({@link
 * IntegrationRetirement}).
 */
@ApplicationScoped
public class IntegrationAdmin {

  static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");

  private final Pool pool;
  private final IntegrationKeys keys;
  private final IntegrationRegistry registry;
  private final KeyChecks checks;
  private final IntegrationViews views;
  private final Clock clock;

  public IntegrationAdmin(
      Pool pool,
      IntegrationKeys keys,
      IntegrationRegistry registry,
      KeyChecks checks,
      IntegrationViews views,
      Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.registry = registry;
    this.checks = checks;
    this.views = views;
    this.clock = clock;
  }

  /** The integrations that are not retired. */
  public Uni<List<IntegrationView>> list() {
    return views.list(false);
  }

  public Uni<IntegrationView> get(String id) {
    return views.get(id);
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
    // Hyros is asked only for an id that is free (a retired id never is); the insert still
    // catches a race.
    return views
        .notRetired(id)
        .chain(
            () ->
                pool.preparedQuery("SELECT 1 FROM integrations WHERE id = $1")
                    .execute(Tuple.of(id)))
        .invoke(
            rows -> {
              if (rows.size() > 0) {
                throw exists(id);
              }
            })
        .chain(() -> checks.forGivenKey(hyrosApiKey, "nothing was stored"))
        .chain(
            state ->
                insert(
                    pool, id, name == null ? id : name, hyrosApiKey, perSecond, perMinute, state))
        .onFailure(PgException.class)
        .transform(e -> "23505".equals(((PgException) e).getSqlState()) ? exists(id) : e)
        .chain(() -> get(id));
  }

  private static ApiException exists(String id) {
    return ApiException.conflict(
        "an integration with id '" + id + "' exists; rotate its key instead");
  }

  /**
   * Inserts an integration: ACTIVE when Hyros confirmed the key, KEY_UNCHECKED (held) when it could
   * not be asked.
   */
  Uni<Void> insert(
      SqlClient client,
      String id,
      String name,
      String hyrosApiKey,
      Integer perSecond,
      Integer perMinute,
      KeyState state) {
    OffsetDateTime now = now();
    return client
        .preparedQuery(
            "INSERT INTO integrations (id, name, hyros_key_sealed, status, requests_per_second,"
                + " requests_per_minute, key_updated_at, account_email, account_roles,"
                + " key_checked_at, key_check_problem, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7, $7)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    name,
                    keys.seal(id, hyrosApiKey),
                    (state.isConfirmed()
                            ? IntegrationStatus.ACTIVE
                            : IntegrationStatus.KEY_UNCHECKED)
                        .name(),
                    perSecond,
                    perMinute,
                    now,
                    state.email(),
                    state.roles(),
                    utc(state.checkedAt()),
                    state.problem())))
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

  /**
   * Replaces the key once Hyros took it (a refused one changes nothing); the account shown becomes
   * the new key's. A held integration becomes ACTIVE, or KEY_UNCHECKED when Hyros could not be
   * asked; a paused one stays paused.
   */
  public Uni<IntegrationView> rotateKey(String id, String hyrosApiKey) {
    List<ApiError.Problem> problems = new ArrayList<>();
    checkKey("/hyrosApiKey", hyrosApiKey, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the key cannot be replaced as asked", problems);
    }
    return views
        .live(id)
        .chain(() -> checks.forGivenKey(hyrosApiKey, "the integration keeps its current key"))
        .chain(state -> replaceKey(pool, id, hyrosApiKey, state))
        .chain(replaced -> replaced ? get(id) : views.live(id));
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

  public Uni<IntegrationView> pause(String id) {
    return change(id, "status = 'PAUSED'", "", new Object[0]);
  }

  /**
   * Resumes a paused integration (KEY_UNCHECKED if Hyros has still to confirm its key); one Hyros
   * refused needs a new key instead.
   */
  public Uni<IntegrationView> resume(String id) {
    return views
        .live(id)
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
              return change(
                  id,
                  "status = CASE WHEN key_check_problem IS NULL THEN 'ACTIVE'"
                      + " ELSE 'KEY_UNCHECKED' END",
                  "",
                  new Object[0]);
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
                + " WHERE id = $1 AND status <> 'RETIRED'"
                + where)
        .execute(Tuple.from(values))
        .invoke(() -> registry.forget(id))
        // No row changed: there is none with this id (404), or it is retired (409).
        .chain(rows -> rows.rowCount() == 0 ? views.live(id) : get(id));
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

  private static OffsetDateTime utc(Instant time) {
    return time == null ? null : time.atOffset(ZoneOffset.UTC);
  }
}
