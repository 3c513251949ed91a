package io.convgate.integration;

import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final IntegrationRows rows;
  private final KeyChecks checks;
  private final Destinations destinations;
  private final IntegrationViews views;

  public IntegrationAdmin(
      Pool pool,
      IntegrationRows rows,
      KeyChecks checks,
      Destinations destinations,
      IntegrationViews views) {
    this.pool = pool;
    this.rows = rows;
    this.checks = checks;
    this.destinations = destinations;
    this.views = views;
  }

  /** The integrations that are not retired. */
  public Uni<List<IntegrationView>> list() {
    return views.list(false);
  }

  public Uni<IntegrationView> get(String id) {
    return views.get(id);
  }

  /**
   * @param destination the kind ({@code hyros} when null); its plug-in checks {@code settings}
   */
  public Uni<IntegrationView> create(
      String id,
      String name,
      String destination,
      String hyrosApiKey,
      Map<String, String> settings,
      Integer perSecond,
      Integer perMinute) {
    String kind = destination == null ? Destinations.LEGACY_KIND : destination;
    Map<String, String> given = settings == null ? Map.of() : settings;
    Optional<Destination> plugin = destinations.find(kind);
    if (plugin.isEmpty()) {
      throw ApiException.badField(
          "/destination",
          "must be one of " + String.join(", ", destinations.kinds()) + "; got '" + kind + "'");
    }
    List<ApiError.Problem> problems = settingProblems(plugin.get(), given);
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
        .chain(
            () ->
                checks.forGivenKey(
                    new KeyChecks.GivenKey(id, kind, perSecond, perMinute),
                    hyrosApiKey,
                    given,
                    "nothing was stored"))
        .chain(
            state ->
                rows.insert(
                    pool,
                    new IntegrationRows.NewIntegration(
                        id, name == null ? id : name, kind, given, perSecond, perMinute),
                    hyrosApiKey,
                    state))
        .onFailure(PgException.class)
        .transform(e -> "23505".equals(((PgException) e).getSqlState()) ? exists(id) : e)
        .chain(() -> get(id));
  }

  private static ApiException exists(String id) {
    return ApiException.conflict(
        "an integration with id '" + id + "' exists; rotate its key instead");
  }

  /** Changes name and limits; a limit set to null goes back to the destination's default. */
  public Uni<IntegrationView> update(
      String id,
      boolean setName,
      String name,
      boolean setPerSecond,
      Integer perSecond,
      boolean setPerMinute,
      Integer perMinute) {
    return update(id, setName, name, setPerSecond, perSecond, setPerMinute, perMinute, false, null);
  }

  /**
   * As above, and replaces the destination's settings when {@code setSettings} (null or empty: no
   * settings), once the integration's plug-in found nothing wrong with them.
   */
  public Uni<IntegrationView> update(
      String id,
      boolean setName,
      String name,
      boolean setPerSecond,
      Integer perSecond,
      boolean setPerMinute,
      Integer perMinute,
      boolean setSettings,
      Map<String, String> settings) {
    List<ApiError.Problem> problems = new ArrayList<>();
    if (setName && (name == null || name.isBlank() || name.length() > 200)) {
      problems.add(new ApiError.Problem("/name", "must be 1-200 characters"));
    }
    checkLimit("/requestsPerSecond", perSecond, problems);
    checkLimit("/requestsPerMinute", perMinute, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the integration cannot be changed as asked", problems);
    }
    Map<String, String> given = settings == null ? Map.of() : settings;
    Uni<Void> checked =
        !setSettings
            ? Uni.createFrom().voidItem()
            : views
                .live(id)
                .invoke(
                    view -> {
                      List<ApiError.Problem> wrong =
                          settingProblems(destinations.of(view.destination()), given);
                      if (!wrong.isEmpty()) {
                        throw ApiException.badRequest(
                            "the integration cannot be changed as asked", wrong);
                      }
                    })
                .replaceWithVoid();
    return checked.chain(
        () ->
            rows.change(
                id,
                "name = CASE WHEN $2 THEN $3 ELSE name END,"
                    + " requests_per_second = CASE WHEN $4 THEN $5 ELSE requests_per_second END,"
                    + " requests_per_minute = CASE WHEN $6 THEN $7 ELSE requests_per_minute END,"
                    + " settings = CASE WHEN $8 THEN $9 ELSE settings END",
                "",
                setName,
                name,
                setPerSecond,
                perSecond,
                setPerMinute,
                perMinute,
                setSettings,
                IntegrationSettings.write(given)));
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
        .chain(
            view ->
                checks.forGivenKey(
                    new KeyChecks.GivenKey(
                        id, view.destination(), view.requestsPerSecond(), view.requestsPerMinute()),
                    hyrosApiKey,
                    view.settings(),
                    "the integration keeps its current key"))
        .chain(state -> rows.replaceKey(pool, id, hyrosApiKey, state))
        .chain(replaced -> replaced ? get(id) : views.live(id));
  }

  /**
   * Fails with a 409 when the integration exists and its destination is not connected by code: a
   * connect link must not put a Hyros key on an integration of another kind.
   */
  public Uni<Void> connectableByCode(String id) {
    return pool.preparedQuery("SELECT destination FROM integrations WHERE id = $1")
        .execute(Tuple.of(id))
        .invoke(
            rows -> {
              for (io.vertx.mutiny.sqlclient.Row row : rows) {
                String kind = row.getString("destination");
                boolean byCode =
                    destinations.find(kind).map(Destination::connectsByCode).orElse(false);
                if (!byCode) {
                  throw ApiException.conflict(
                      "integration '"
                          + id
                          + "' sends to '"
                          + kind
                          + "', which is not connected by code: give its key by hand (PUT"
                          + " .../key)");
                }
              }
            })
        .replaceWithVoid();
  }

  public Uni<IntegrationView> pause(String id) {
    return rows.change(id, "status = 'PAUSED'", "", new Object[0]);
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
              return rows.change(
                  id,
                  "status = CASE WHEN key_check_problem IS NULL THEN 'ACTIVE'"
                      + " ELSE 'KEY_UNCHECKED' END",
                  "",
                  new Object[0]);
            });
  }

  private static List<ApiError.Problem> settingProblems(
      Destination plugin, Map<String, String> settings) {
    List<ApiError.Problem> problems = new ArrayList<>();
    for (Destination.SettingProblem problem : plugin.checkSettings(settings)) {
      problems.add(new ApiError.Problem("/settings/" + problem.setting(), problem.problem()));
    }
    return problems;
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
}
