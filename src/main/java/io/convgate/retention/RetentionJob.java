package io.convgate.retention;

import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Removes what is older than each table's setting (decision 0040), in batches of {@code batch-size}
 * rows, one statement each, oldest first: never a table-wide DELETE, so no statement holds locks
 * for long, the ledger's claims go on beside it, and autovacuum gives the space back for new rows.
 * Runs on a timer, entirely on the reactive client (no thread waits); among the instances that
 * share the database only the one holding a PostgreSQL advisory lock runs it, the others skip that
 * round.
 */
@ApplicationScoped
public class RetentionJob {

  /** The advisory lock's key: "convgate retention", shared by every instance. */
  static final long LOCK_KEY = 0x636f_6e76_7265_7401L;

  private static final Duration SHORTEST_HORIZON = Duration.ofHours(1);
  private static final Logger LOGGER = Logger.getLogger(RetentionJob.class);

  private final Pool pool;
  private final Periodic periodic;
  private final RetentionConfig config;
  private final Clock clock;
  private final Map<String, Counter> removed = new HashMap<>();
  private final Timer duration;
  private final AtomicLong lastRun = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();

  public RetentionJob(
      Pool pool, Periodic periodic, RetentionConfig config, Clock clock, MeterRegistry registry) {
    if (config.ledgerHorizon().compareTo(SHORTEST_HORIZON) < 0) {
      throw new IllegalArgumentException(
          "convgate.retention.ledger-horizon must be at least 1h: a shorter horizon would deliver"
              + " again events that a restart or a rebalance reads twice");
    }
    this.pool = pool;
    this.periodic = periodic;
    this.config = config;
    this.clock = clock;
    for (RetainedTable table : RetainedTable.ALL) {
      removed.put(
          table.name(),
          Counter.builder("convgate.retention.removed.rows")
              .description("Rows the retention job removed")
              .tag("table", table.name())
              .register(registry));
    }
    this.duration =
        Timer.builder("convgate.retention.run.duration")
            .description("How long one run of the retention job took")
            .register(registry);
    registry.gauge("convgate.retention.last.run.timestamp.seconds", lastRun, AtomicLong::get);
  }

  void onStart(@Observes StartupEvent start) {
    if (config.enabled()) {
      periodic.every(config.interval(), this::runInBackground);
    }
  }

  void runInBackground() {
    run()
        .subscribe()
        .with(
            result -> {},
            error ->
                LOGGER.warnf(
                    "retention run failed, the next run tries again: %s",
                    LogSafe.of(error.getMessage())));
  }

  /**
   * One run over every table; completes with the rows removed per table, or with an empty map when
   * another instance (or an earlier run of this one) holds the lock.
   */
  public Uni<Map<String, Long>> run() {
    if (!running.compareAndSet(false, true)) {
      return Uni.createFrom().item(Map.of());
    }
    long started = System.nanoTime();
    return pool.withConnection(connection -> underLock(connection))
        .onItem()
        .invoke(
            counts -> {
              if (!counts.isEmpty()) {
                duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                lastRun.set(clock.instant().getEpochSecond());
                counts.forEach((table, rows) -> removed.get(table).increment(rows));
                if (counts.values().stream().anyMatch(rows -> rows > 0)) {
                  LOGGER.infof(
                      "retention removed %s in %d ms",
                      LogSafe.of(counts.toString()),
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
              }
            })
        .eventually(() -> running.set(false));
  }

  private Uni<Map<String, Long>> underLock(SqlConnection connection) {
    return connection
        .preparedQuery("SELECT pg_try_advisory_lock($1) AS locked")
        .execute(Tuple.of(LOCK_KEY))
        .flatMap(
            rows -> {
              if (!rows.iterator().next().getBoolean("locked")) {
                return Uni.createFrom().item(Map.<String, Long>of());
              }
              Map<String, Long> counts = new HashMap<>();
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (RetainedTable table : RetainedTable.ALL) {
                chain =
                    chain
                        .chain(
                            () ->
                                trim(connection, table, 0, 0)
                                    .invoke(n -> counts.put(table.name(), n)))
                        .replaceWithVoid();
              }
              return chain
                  .replaceWith(counts)
                  .eventually(
                      () ->
                          connection
                              .preparedQuery("SELECT pg_advisory_unlock($1)")
                              .execute(Tuple.of(LOCK_KEY)));
            });
  }

  /** Removes batches until one comes back short or the run's share for this table is used. */
  private Uni<Long> trim(SqlConnection connection, RetainedTable table, int batches, long sofar) {
    Tuple args = Tuple.of(table.age().apply(config).toSeconds(), config.batchSize());
    return connection
        .preparedQuery(table.removeBatch())
        .execute(args)
        .flatMap(
            rows -> {
              long total = sofar + rows.rowCount();
              boolean more =
                  rows.rowCount() > 0
                      && (table == RetainedTable.REPLAY_JOBS
                          || rows.rowCount() >= config.batchSize())
                      && batches + 1 < config.maxBatchesPerRun();
              return more
                  ? trim(connection, table, batches + 1, total)
                  : Uni.createFrom().item(total);
            });
  }
}
