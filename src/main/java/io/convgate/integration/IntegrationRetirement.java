package io.convgate.integration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Retires an integration (decision 0035). In one transaction its row becomes a tombstone: status
 * RETIRED, who and when, its sealed Hyros key destroyed, its unused connect links expired. The row
 * stays, so the id is never reused and the ledger's keys and the dead letters that name it keep
 * their meaning. What follows happens in the delivery stage: parked deliveries are dead-lettered
 * ({@code integration-retired}), and so is every later event that names it.
 */
@ApplicationScoped
public class IntegrationRetirement {

  private static final String RETIRE =
      "UPDATE integrations SET status = 'RETIRED', hyros_key_sealed = NULL,"
          + " hyros_api_key = NULL, retired_at = $2, retired_by = $3, updated_at = $2"
          + " WHERE id = $1 AND status <> 'RETIRED'";

  private static final String EXPIRE_LINKS =
      "UPDATE connect_links SET expires_at = $2"
          + " WHERE integration_id = $1 AND used_at IS NULL AND expires_at > $2";

  private final Pool pool;
  private final IntegrationRegistry registry;
  private final IntegrationViews views;
  private final Event<IntegrationRetired> retirements;
  private final Clock clock;

  public IntegrationRetirement(
      Pool pool,
      IntegrationRegistry registry,
      IntegrationViews views,
      Event<IntegrationRetired> retirements,
      Clock clock) {
    this.pool = pool;
    this.registry = registry;
    this.views = views;
    this.retirements = retirements;
    this.clock = clock;
  }

  /**
   * Retires an integration; 404 if there is none with this id, 409 if it was retired already.
   *
   * @param actor who retires it, kept on the row
   */
  public Uni<IntegrationView> retire(String id, String actor) {
    OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    return pool.withTransaction(
            tx ->
                tx.preparedQuery(RETIRE)
                    .execute(Tuple.of(id, now, actor))
                    .chain(
                        rows ->
                            rows.rowCount() == 0
                                ? Uni.createFrom().item(false)
                                : tx.preparedQuery(EXPIRE_LINKS)
                                    .execute(Tuple.of(id, now))
                                    .replaceWith(true)))
        .invoke(
            retired -> {
              registry.forget(id);
              if (retired) {
                retirements.fire(new IntegrationRetired(id, now.toInstant()));
              }
            })
        .chain(retired -> retired ? views.get(id) : views.live(id));
  }
}
