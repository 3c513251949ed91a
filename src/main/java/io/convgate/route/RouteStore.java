package io.convgate.route;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code routes} table. Every change also bumps {@code routes_version} in its transaction,
 * which is what the instances poll ({@link RouteCatalog}).
 */
@ApplicationScoped
public class RouteStore {

  private static final String COLUMNS =
      "id, name, source, types, field, field_value, targets, enabled, created_at, updated_at";
  private static final String BUMP = "UPDATE routes_version SET version = version + 1";

  /** The routes and the version they were read at, read in one statement. */
  public record Snapshot(List<Route> routes, long version) {}

  private final Pool pool;
  private final Clock clock;

  public RouteStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Uni<Long> version() {
    return pool.query("SELECT version FROM routes_version")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Every route with the version, consistent with each other (one transaction). */
  public Uni<Snapshot> snapshot() {
    return pool.withTransaction(
        tx ->
            tx.query("SELECT version FROM routes_version")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(
                    version ->
                        tx.query("SELECT " + COLUMNS + " FROM routes ORDER BY id")
                            .execute()
                            .map(rows -> new Snapshot(routes(rows), version))));
  }

  public Uni<List<Route>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM routes ORDER BY id").execute().map(this::routes);
  }

  public Uni<Optional<Route>> find(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM routes WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> routes(rows).stream().findFirst());
  }

  /**
   * @return false when a route with this id exists already
   */
  public Uni<Boolean> insert(Route route) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "INSERT INTO routes ("
                        + COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                        + " $9, $9) ON CONFLICT (id) DO NOTHING")
                .execute(values(route))
                .chain(rows -> bumpIf(tx, rows.rowCount() == 1)));
  }

  /**
   * @return false when there is no route with this id
   */
  public Uni<Boolean> update(Route route) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(
                    "UPDATE routes SET name = $2, source = $3, types = $4, field = $5,"
                        + " field_value = $6, targets = $7, enabled = $8, updated_at = $9"
                        + " WHERE id = $1")
                .execute(values(route))
                .chain(rows -> bumpIf(tx, rows.rowCount() == 1)));
  }

  /**
   * @return false when there is no route with this id
   */
  public Uni<Boolean> delete(String id) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("DELETE FROM routes WHERE id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> bumpIf(tx, rows.rowCount() == 1)));
  }

  /**
   * Which of these integrations exist, each with whether it is retired.
   *
   * @return the existing ones; an id not in the map has no integration
   */
  public Uni<Map<String, Boolean>> integrations(List<String> ids) {
    return pool.preparedQuery(
            "SELECT id, retired_at IS NOT NULL AS retired FROM integrations WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Boolean> found = new HashMap<>();
              rows.forEach(row -> found.put(row.getString("id"), row.getBoolean("retired")));
              return found;
            });
  }

  private static Uni<Boolean> bumpIf(SqlClient tx, boolean changed) {
    return changed ? tx.query(BUMP).execute().replaceWith(true) : Uni.createFrom().item(false);
  }

  private Tuple values(Route route) {
    return Tuple.tuple()
        .addValue(route.id())
        .addValue(route.name())
        .addValue(route.source())
        .addValue(route.types().toArray(String[]::new))
        .addValue(route.field())
        .addValue(route.value())
        .addValue(route.targets().toArray(String[]::new))
        .addValue(route.enabled())
        .addValue(clock.instant().atOffset(ZoneOffset.UTC));
  }

  private List<Route> routes(RowSet<Row> rows) {
    List<Route> routes = new ArrayList<>(rows.size());
    for (Row row : rows) {
      routes.add(
          new Route(
              row.getString("id"),
              row.getString("name"),
              row.getString("source"),
              List.of(row.getArrayOfStrings("types")),
              row.getString("field"),
              row.getString("field_value"),
              List.of(row.getArrayOfStrings("targets")),
              row.getBoolean("enabled"),
              row.getOffsetDateTime("created_at").toInstant(),
              row.getOffsetDateTime("updated_at").toInstant()));
    }
    return routes;
  }
}
