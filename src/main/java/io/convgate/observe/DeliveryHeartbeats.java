package io.convgate.observe;

import io.convgate.pipeline.Periodic;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Gives every integration its {@code convgate_last_delivery_timestamp_seconds} from start-up, not
 * from its first delivery (its counters come with its first delivery, decision 0041): an
 * integration stuck since start-up must still have a series for ConvgateNoDeliveries to fire on.
 * The gauge starts at the integration's last delivery in the ledger (the time the admin API shows),
 * or its creation when it never had one, so neither a restart nor a new instance restarts the
 * clock. Integrations created later are found on a timer; a retired one loses its heartbeat
 * (nothing will be delivered for it again).
 */
@ApplicationScoped
public class DeliveryHeartbeats {

  private static final Logger LOGGER = Logger.getLogger(DeliveryHeartbeats.class);

  /** Read once per integration and instance: the ledger's newest delivery, else the creation. */
  private static final String SINCE =
      "SELECT i.id, coalesce((SELECT max(l.delivered_at) FROM delivery_ledger l"
          + " WHERE l.integration_id = i.id), i.created_at) AS since"
          + " FROM integrations i WHERE NOT (i.id = ANY($1)) AND i.status <> 'RETIRED'";

  /** The integrations with a heartbeat that have been retired since (on any instance). */
  private static final String RETIRED =
      "SELECT id FROM integrations WHERE status = 'RETIRED' AND id = ANY($1)";

  private final Pool pool;
  private final PipelineMetrics metrics;
  private final Periodic periodic;
  private final ObserveConfig config;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public DeliveryHeartbeats(
      Pool pool, PipelineMetrics metrics, Periodic periodic, ObserveConfig config) {
    this.pool = pool;
    this.metrics = metrics;
    this.periodic = periodic;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
    periodic.every(config.integrationsInterval(), this::refresh);
  }

  private void refresh() {
    String[] known = seen.toArray(String[]::new);
    pool.preparedQuery(RETIRED)
        .execute(Tuple.of(known))
        .subscribe()
        .with(
            rows -> {
              for (Row row : rows) {
                metrics.retired(row.getString("id"));
              }
            },
            failure ->
                LOGGER.warnf("retired integrations not read: %s", LogSafe.of(failure.toString())));
    pool.preparedQuery(SINCE)
        .execute(Tuple.of(known))
        .subscribe()
        .with(
            rows -> {
              for (Row row : rows) {
                String id = row.getString("id");
                metrics.deliveredSince(id, row.getOffsetDateTime("since").toInstant());
                seen.add(id);
              }
            },
            failure ->
                LOGGER.warnf(
                    "integration heartbeats not read: %s", LogSafe.of(failure.toString())));
  }
}
