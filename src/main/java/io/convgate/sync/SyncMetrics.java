package io.convgate.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sync's meters (docs/operations.md, "Reading Hyros back"): records read, published and seen
 * for the first time, runs by outcome, per job its last success, cursor age, interval and failures
 * in a row, and the scheduler's heartbeat.
 */
@ApplicationScoped
public class SyncMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final AtomicLong heartbeat = new AtomicLong();
  private final MultiGauge lastSuccess;
  private final MultiGauge cursorAge;
  private final MultiGauge interval;
  private final MultiGauge failures;

  public SyncMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    registry.gauge("convgate.sync.heartbeat.timestamp.seconds", heartbeat, AtomicLong::doubleValue);
    this.lastSuccess =
        MultiGauge.builder("convgate.sync.last.success.timestamp.seconds")
            .description("When the job last read its whole window")
            .register(registry);
    this.cursorAge =
        MultiGauge.builder("convgate.sync.cursor.age.seconds")
            .description("How far the job's watermark is behind now")
            .register(registry);
    this.interval =
        MultiGauge.builder("convgate.sync.interval.seconds")
            .description("The job's schedule")
            .register(registry);
    this.failures =
        MultiGauge.builder("convgate.sync.failures.in.a.row")
            .description("Runs of the job that failed since its last success")
            .register(registry);
  }

  /** A page was read: its records, those published (new or changed), those new. */
  void page(RunTarget run, int read, int published, long fresh) {
    counter(run, "read").increment(read);
    counter(run, "published").increment(published);
    counter(run, "new").increment(fresh);
  }

  void run(RunTarget run, boolean succeeded) {
    Counter.builder("convgate.sync.runs")
        .description("Finished sync runs (scheduled and backfills)")
        .tags(tags(run).and("outcome", succeeded ? "succeeded" : "failed", "kind", kind(run)))
        .register(registry)
        .increment();
  }

  /** The scheduler is alive (set at every tick). */
  void beat() {
    heartbeat.set(clock.millis() / 1000);
  }

  /** Per-job gauges, from the jobs as stored. */
  void jobs(List<SyncJob> jobs) {
    long now = clock.millis();
    List<MultiGauge.Row<?>> success = new ArrayList<>();
    List<MultiGauge.Row<?>> age = new ArrayList<>();
    List<MultiGauge.Row<?>> every = new ArrayList<>();
    List<MultiGauge.Row<?>> failed = new ArrayList<>();
    for (SyncJob job : jobs) {
      if (!job.enabled()) {
        continue;
      }
      Tags tags = Tags.of("integration", job.integrationId(), "resource", job.resource().code());
      if (job.lastSuccessAt() != null) {
        success.add(MultiGauge.Row.of(tags, job.lastSuccessAt().toEpochMilli() / 1000.0));
      }
      if (job.watermark() != null) {
        age.add(MultiGauge.Row.of(tags, (now - job.watermark().toEpochMilli()) / 1000.0));
      }
      every.add(MultiGauge.Row.of(tags, job.interval().toSeconds()));
      failed.add(MultiGauge.Row.of(tags, job.failuresInARow()));
    }
    lastSuccess.register(success, true);
    cursorAge.register(age, true);
    interval.register(every, true);
    failures.register(failed, true);
  }

  private Counter counter(RunTarget run, String outcome) {
    return Counter.builder("convgate.sync.records")
        .description("Hyros records read back, published as changes, and seen for the first time")
        .tags(tags(run).and("outcome", outcome, "kind", kind(run)))
        .register(registry);
  }

  private static Tags tags(RunTarget run) {
    return Tags.of("integration", run.integrationId(), "resource", run.resource().code());
  }

  private static String kind(RunTarget run) {
    return run.isBackfill() ? "backfill" : "scheduled";
  }

  static Duration age(java.time.Instant since, Clock clock) {
    return Duration.between(since, clock.instant());
  }
}
