package io.convgate.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The staleness clock of things that change (table {@code change_clocks}, decision 0043): per
 * integration and thing, the business time of the newest change Hyros accepted. A change older than
 * it is stale; one at the same time is not (two changes in one second are sent in lane order, and
 * an identical repeat is already a ledger skip). Times are compared to the microsecond, the
 * precision PostgreSQL keeps.
 */
@ApplicationScoped
public class ChangeClocks {

  /** A thing of one integration: its ordering key ({@code subscription:sub_1}). */
  public record Thing(String integrationId, String thing) {}

  private static final String NEWEST =
      """
      SELECT c.integration_id, c.thing, c.newest_time
      FROM change_clocks c
      JOIN unnest($1::text[], $2::text[]) AS u(integration_id, thing)
        ON c.integration_id = u.integration_id AND c.thing = u.thing
      """;

  /** Moves the clock forward only: an older time (a repeat in doubt) leaves it as it is. */
  private static final String DELIVERED =
      """
      INSERT INTO change_clocks (integration_id, thing, newest_time, idempotency_key, updated_at)
      VALUES ($1, $2, $3, $4, now())
      ON CONFLICT (integration_id, thing) DO UPDATE
        SET newest_time = EXCLUDED.newest_time,
            idempotency_key = EXCLUDED.idempotency_key,
            updated_at = now()
        WHERE change_clocks.newest_time <= EXCLUDED.newest_time
      """;

  private final Pool pool;

  public ChangeClocks(Pool pool) {
    this.pool = pool;
  }

  /** Whether a change at {@code time} is older than the newest delivered one ({@code newest}). */
  public static boolean isStale(Instant time, Optional<Instant> newest) {
    return newest.isPresent() && micros(time).isBefore(newest.get());
  }

  /** The newest delivered time of each thing that has one. One statement for all. */
  public Uni<Map<Thing, Instant>> newest(Collection<Thing> things) {
    if (things.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    Tuple args =
        Tuple.of(
            things.stream().map(Thing::integrationId).toArray(String[]::new),
            things.stream().map(Thing::thing).toArray(String[]::new));
    return pool.preparedQuery(NEWEST)
        .execute(args)
        .map(
            rows -> {
              Map<Thing, Instant> found = new HashMap<>();
              for (Row row : rows) {
                found.put(
                    new Thing(row.getString("integration_id"), row.getString("thing")),
                    row.getOffsetDateTime("newest_time").toInstant());
              }
              return found;
            });
  }

  /** The newest delivered time of one thing, if any. */
  public Uni<Optional<Instant>> newest(Thing thing) {
    return newest(java.util.List.of(thing)).map(found -> Optional.ofNullable(found.get(thing)));
  }

  /** Hyros accepted the change at {@code time} under ledger key {@code key}. */
  public Uni<Void> delivered(Thing thing, Instant time, String key) {
    return pool.preparedQuery(DELIVERED)
        .execute(
            Tuple.of(
                thing.integrationId(),
                thing.thing(),
                OffsetDateTime.ofInstant(micros(time), ZoneOffset.UTC),
                key))
        .replaceWithVoid();
  }

  private static Instant micros(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }
}
