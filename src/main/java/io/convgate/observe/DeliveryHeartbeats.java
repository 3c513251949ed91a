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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Gives every integration its {@code convgate_last_delivery_timestamp_seconds} from start-up, not
 * from its first delivery (its counters come with its first delivery, decision 0041): an
 * integration stuck since start-up must still have a series for ConvgateNoDeliveries to fire on.
 * The gauge starts at the integration's last delivery as the instances wrote it back (table {@code
 * delivery_heartbeats}, at most one interval old), else its last delivery in the ledger (read once,
 * for an integration no instance wrote back yet: the first start after the upgrade), else its
 * creation, so neither a restart nor a new instance restarts the clock. Every interval this
 * instance writes back the deliveries it made, finds integrations created meanwhile, and drops the
 * heartbeat of a retired one (nothing will be delivered for it again). Decision 0057: reading the
 * newest delivery of each integration from the ledger at every start-up read the whole ledger.
 */
@ApplicationScoped
public class DeliveryHeartbeats {

  private static final Logger LOGGER = Logger.getLogger(DeliveryHeartbeats.class);

  /**
   * Read once per integration and instance: written back, else the ledger (only where nothing was
   * written back), else the creation.
   */
  private static final String SINCE =
      "SELECT i.id, h.delivered_at AS written, CASE WHEN h.delivered_at IS NULL THEN"
          + " (SELECT max(l.delivered_at) FROM delivery_ledger l WHERE l.integration_id = i.id)"
          + " END AS ledger, i.created_at"
          + " FROM integrations i LEFT JOIN delivery_heartbeats h ON h.integration_id = i.id"
          + " WHERE NOT (i.id = ANY($1)) AND i.status <> 'RETIRED'";

  /** Writes back deliveries made here; a later one written by another instance stays. */
  private static final String WRITE_BACK =
      "INSERT INTO delivery_heartbeats (integration_id, delivered_at)"
          + " SELECT u.id, to_timestamp(u.at) FROM unnest($1::text[], $2::bigint[]) AS u(id, at)"
          + " ON CONFLICT (integration_id) DO UPDATE SET delivered_at ="
          + " greatest(delivery_heartbeats.delivered_at, excluded.delivered_at)";

  /** The integrations with a heartbeat that have been retired since (on any instance). */
  private static final String RETIRED =
      "SELECT id FROM integrations WHERE status = 'RETIRED' AND id = ANY($1)";

  private final Pool pool;
  private final PipelineMetrics metrics;
  private final Periodic periodic;
  private final ObserveConfig config;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** What was last written back, by integration: only what changed is written again. */
  private final Map<String, Long> written = new ConcurrentHashMap<>();

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
    writeBack();
    String[] known = seen.toArray(String[]::new);
    pool.preparedQuery(RETIRED)
        .execute(Tuple.of(known))
        .subscribe()
        .with(
            rows -> {
              for (Row row : rows) {
                metrics.heartbeats().retired(row.getString("id"));
              }
            },
            failure ->
                LOGGER.warnf("retired integrations not read: %s", LogSafe.of(failure.toString())));
    pool.preparedQuery(SINCE)
        .execute(Tuple.of(known))
        .subscribe()
        .with(
            rows -> {
              List<String> fromLedger = new ArrayList<>();
              List<Long> fromLedgerAt = new ArrayList<>();
              for (Row row : rows) {
                String id = row.getString("id");
                OffsetDateTime written = row.getOffsetDateTime("written");
                OffsetDateTime ledger = row.getOffsetDateTime("ledger");
                if (written == null && ledger != null) {
                  // Written back once, so that the admin API, which reads only the table, shows
                  // a delivery made before the table existed (the first start after V20).
                  fromLedger.add(id);
                  fromLedgerAt.add(ledger.toEpochSecond());
                }
                OffsetDateTime since =
                    written != null
                        ? written
                        : ledger != null ? ledger : row.getOffsetDateTime("created_at");
                metrics.heartbeats().deliveredSince(id, since.toInstant());
                seen.add(id);
              }
              write(fromLedger, fromLedgerAt);
            },
            failure ->
                LOGGER.warnf(
                    "integration heartbeats not read: %s", LogSafe.of(failure.toString())));
  }

  private void writeBack() {
    List<String> ids = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    metrics
        .heartbeats()
        .deliveredHere()
        .forEach(
            (id, at) -> {
              if (!at.equals(written.get(id))) {
                ids.add(id);
                times.add(at);
              }
            });
    write(ids, times);
  }

  /** Writes these heartbeats back (unix seconds), keeping any later one already there. */
  private void write(List<String> ids, List<Long> times) {
    if (ids.isEmpty()) {
      return;
    }
    pool.preparedQuery(WRITE_BACK)
        .execute(Tuple.of(ids.toArray(String[]::new), times.toArray(Long[]::new)))
        .subscribe()
        .with(
            done -> {
              for (int i = 0; i < ids.size(); i++) {
                written.merge(ids.get(i), times.get(i), Math::max);
              }
            },
            failure ->
                LOGGER.warnf(
                    "integration heartbeats not written back: %s", LogSafe.of(failure.toString())));
  }
}
