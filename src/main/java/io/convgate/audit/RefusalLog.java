package io.convgate.audit;

import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Refused API calls (401, 403) in the audit log, counted rather than written one by one (decision
 * 0033): a call only adds to a count in memory; every {@code convgate.audit.refusal-flush-interval}
 * the counts become rows (action {@code api.refused}, one per caller, endpoint and reason, with the
 * count), at most {@code convgate.audit.refusal-max-rows} of them plus one that sums the rest. A
 * flood of bad requests therefore neither fills the table nor writes to PostgreSQL per request.
 */
@ApplicationScoped
public class RefusalLog {

  /** The action of refusal rows. */
  public static final String ACTION = "api.refused";

  private static final Logger LOGGER = Logger.getLogger(RefusalLog.class);

  private final AuditLog audit;
  private final Periodic periodic;
  private final AuditConfig config;
  private final Clock clock;
  private final RefusalTally tally;

  public RefusalLog(AuditLog audit, Periodic periodic, AuditConfig config, Clock clock) {
    this.audit = audit;
    this.periodic = periodic;
    this.config = config;
    this.clock = clock;
    this.tally = new RefusalTally(clock, config.refusalMaxRows());
  }

  /** Counts one refused call; written with the next flush. */
  public void note(Refusal refusal) {
    tally.add(refusal);
  }

  void start(@Observes StartupEvent start) {
    periodic.every(config.refusalFlushInterval(), this::flush);
  }

  void stop(@Observes ShutdownEvent stop) {
    try {
      write(tally.drain()).await().atMost(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOGGER.warnf(
          "the last refused calls were not written to the audit log: %s",
          LogSafe.of(e.getMessage()));
    }
  }

  void flush() {
    RefusalTally.Window window = tally.drain();
    write(window)
        .subscribe()
        .with(
            written -> {},
            error ->
                LOGGER.warnf(
                    "%d refused calls were not written to the audit log: %s",
                    window.total(), LogSafe.of(error.getMessage())));
  }

  private io.smallrye.mutiny.Uni<Void> write(RefusalTally.Window window) {
    if (window.isEmpty()) {
      return io.smallrye.mutiny.Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    List<AuditLog.Entry> rows = new ArrayList<>();
    for (RefusalTally.Count count : window.counts()) {
      Refusal refusal = count.refusal();
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("status", refusal.reason().status());
      detail.put("reason", refusal.reason().code());
      detail.put("permission", refusal.permission());
      detail.put("count", count.count());
      detail.put("first", count.first().toString());
      detail.put("last", count.last().toString());
      rows.add(
          new AuditLog.Entry(
              now, refusal.actor(), ACTION, refusal.target(), detail, refusal.reason().outcome()));
    }
    if (!window.overflow().isEmpty()) {
      Map<String, Long> byReason = new LinkedHashMap<>();
      window.overflow().forEach((reason, n) -> byReason.put(reason.code(), n));
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("count", byReason.values().stream().mapToLong(Long::longValue).sum());
      detail.put("byReason", byReason);
      detail.put("first", window.first().toString());
      detail.put("last", window.last().toString());
      detail.put(
          "note",
          "more kinds of refusal than convgate.audit.refusal-max-rows in one interval: counted,"
              + " not itemised");
      rows.add(new AuditLog.Entry(now, "various", ACTION, null, detail, "not-itemised"));
    }
    return audit.recordAll(rows);
  }
}
