package io.convgate.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The counters both stages report. Never tagged with anything secret. */
@ApplicationScoped
public class PipelineMetrics {

  private final MeterRegistry registry;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** An input record accepted ({@code reason=none}) or rejected at ingest. */
  public void ingested(String type, boolean accepted, String reason) {
    registry
        .counter(
            "convgate.ingest.events",
            "type",
            type,
            "outcome",
            accepted ? "accepted" : "rejected",
            "reason",
            reason)
        .increment();
  }

  /** A delivery ended: delivered, dead_lettered or skipped (a duplicate the ledger knew). */
  public void delivery(String integration, String type, String outcome) {
    registry
        .counter(
            "convgate.deliveries", "integration", integration, "type", type, "outcome", outcome)
        .increment();
  }

  /** A delivery claimed earlier but never confirmed was found and sent again. */
  public void inDoubt(String integration) {
    registry.counter("convgate.ledger.in.doubt", "integration", integration).increment();
  }

  /** One HTTP attempt against Hyros ({@code status=0} when no response arrived). */
  public void hyrosAttempt(String integration, int status) {
    registry
        .counter(
            "convgate.hyros.requests", "integration", integration, "status", String.valueOf(status))
        .increment();
  }

  /** A record published to the dead-letter topic. */
  public void deadLettered(String stage, String reason) {
    registry.counter("convgate.dead.letters", "stage", stage, "reason", reason).increment();
  }
}
