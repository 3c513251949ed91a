package io.convgate.sync;

import io.convgate.hyros.HyrosDestination;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.pipeline.DeliveryOwnership;
import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Starts due sync runs and waiting backfills on a timer. A run holds a lease in PostgreSQL, renewed
 * at every page, so that one instance runs a job at a time even when gateways share the database;
 * an instance runs only the jobs of integrations whose deliveries it owns (one pacer per key).
 * Nothing here blocks: every step is a {@code Uni} on the event loop.
 */
@ApplicationScoped
public class SyncScheduler {

  private static final Logger LOGGER = Logger.getLogger(SyncScheduler.class);

  private final Periodic periodic;
  private final JobStore jobs;
  private final BackfillStore backfills;
  private final SyncRunner runner;
  private final DeliveryOwnership ownership;
  private final IntegrationRegistry registry;
  private final SyncMetrics metrics;
  private final SyncConfig config;
  private final WindowPlanner planner;
  private final Clock clock;
  private final String owner = "gw-" + UUID.randomUUID();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ticking = new AtomicBoolean();

  public SyncScheduler(
      Periodic periodic,
      JobStore jobs,
      BackfillStore backfills,
      SyncRunner runner,
      DeliveryOwnership ownership,
      IntegrationRegistry registry,
      SyncMetrics metrics,
      SyncConfig config,
      Clock clock) {
    this.periodic = periodic;
    this.jobs = jobs;
    this.backfills = backfills;
    this.runner = runner;
    this.ownership = ownership;
    this.registry = registry;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.planner = new WindowPlanner(clock, config.lookBack());
  }

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      periodic.every(config.tick(), this::tick);
    }
  }

  void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return;
    }
    metrics.beat();
    Uni.combine()
        .all()
        .unis(jobs.runnable(), backfills.runnable(), jobs.list(null))
        .asTuple()
        .chain(
            found -> {
              metrics.jobs(found.getItem3());
              Set<String> ids = new HashSet<>();
              found.getItem1().forEach(j -> ids.add(j.integrationId()));
              found.getItem2().forEach(b -> ids.add(b.integrationId()));
              Uni<Set<String>> owned =
                  config.ownersOnly() ? ownership.owned(ids) : Uni.createFrom().item(ids);
              return owned.invoke(
                  mine -> {
                    found.getItem1().stream()
                        .filter(j -> mine.contains(j.integrationId()))
                        .forEach(this::launch);
                    found.getItem2().stream()
                        .filter(b -> mine.contains(b.integrationId()))
                        .forEach(this::launch);
                  });
            })
        .subscribe()
        .with(
            ignored -> ticking.set(false),
            failure -> {
              ticking.set(false);
              LOGGER.debugf("sync tick failed: %s", LogSafe.of(failure, LogSafe.TEXT));
            });
  }

  private void launch(SyncJob job) {
    String name = job.integrationId() + "/" + job.resource().code();
    if (!running.add(name)) {
      return;
    }
    jobs.claim(job, owner, config.lease())
        .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : runJob(claimed.get()))
        .subscribe()
        .with(ignored -> running.remove(name), failure -> ended(name, failure));
  }

  private Uni<Void> runJob(SyncJob job) {
    RunTarget underWay = job.runUnderWay();
    RunTarget run =
        underWay != null
            ? underWay
            : new RunTarget(
                job.integrationId(),
                job.resource(),
                null,
                planner.scheduled(
                    Optional.ofNullable(job.watermark()), job.overlap(), job.trailing()),
                null,
                clock.instant());
    Uni<Void> started = underWay != null ? Uni.createFrom().voidItem() : jobs.start(run, owner);
    return started
        .chain(() -> active(run.integrationId()))
        .chain(
            integration ->
                integration.isEmpty()
                    ? Uni.createFrom()
                        .item(new SyncRunner.Outcome(0, 0, "the integration is not active", true))
                    : runner.run(run, integration.get(), owner))
        .chain(
            outcome -> {
              metrics.run(run, outcome.error() == null);
              if (outcome.error() == null) {
                return jobs.succeed(run, owner, outcome.read(), outcome.published());
              }
              LOGGER.warnf(
                  "sync run failed run=%s read=%s published=%s error=%s",
                  LogSafe.of(run.name()),
                  LogSafe.of(outcome.read()),
                  LogSafe.of(outcome.published()),
                  LogSafe.of(outcome.error()));
              return jobs.fail(
                  run,
                  owner,
                  outcome.read(),
                  outcome.published(),
                  LogSafe.of(outcome.error()),
                  config.retryAfterFailure());
            });
  }

  private void launch(Backfill backfill) {
    String name = "backfill:" + backfill.id();
    if (!running.add(name)) {
      return;
    }
    backfills
        .claim(backfill, owner, config.lease())
        .chain(
            claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : runBackfill(claimed.get()))
        .subscribe()
        .with(ignored -> running.remove(name), failure -> ended(name, failure));
  }

  private Uni<Void> runBackfill(Backfill backfill) {
    RunTarget run = backfill.target();
    return active(run.integrationId())
        .chain(
            integration ->
                integration.isEmpty()
                    ? Uni.createFrom()
                        .item(new SyncRunner.Outcome(0, 0, "the integration is not active", true))
                    : runner.run(run, integration.get(), owner))
        .chain(
            outcome -> {
              if (outcome.error() != null && outcome.retryable()) {
                return backfills.release(run, owner, LogSafe.of(outcome.error()));
              }
              metrics.run(run, outcome.error() == null);
              return backfills.finish(
                  run,
                  owner,
                  outcome.error() == null ? null : LogSafe.of(outcome.error()),
                  backfill.recordsRead() + outcome.read(),
                  backfill.recordsPublished() + outcome.published());
            });
  }

  private Uni<Optional<Integration>> active(String integrationId) {
    return registry
        .find(integrationId)
        .map(
            found ->
                found.filter(
                    i ->
                        i.isActive()
                            && i.apiKey() != null
                            && HyrosDestination.KIND.equals(i.destination())));
  }

  private void ended(String name, Throwable failure) {
    running.remove(name);
    LOGGER.warnf(
        "sync run ended in error run=%s error=%s",
        LogSafe.of(name), LogSafe.of(failure, LogSafe.TEXT));
  }

  /** The instance's name in leases. */
  String owner() {
    return owner;
  }

  List<String> running() {
    return List.copyOf(running);
  }
}
