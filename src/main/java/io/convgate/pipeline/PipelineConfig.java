package io.convgate.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** {@code convgate.pipeline.*}: how the stages take their polls. */
@ConfigMapping(prefix = "convgate.pipeline")
public interface PipelineConfig {

  /**
   * Polls that arrive while a stage's consumer is busy are merged into its next unit of work, up to
   * this many records (a poll is never split). Larger units mean fewer database and broker round
   * trips per event under load, and more memory in flight: at 1,000 the benchmark's heap filled and
   * full collections stalled the gateway (docs/benchmarks.md). Each consumer keeps at most about
   * this many records waiting.
   */
  @WithDefault("300")
  @Min(1)
  int maxMergedRecords();

  /**
   * How many units of one consumer may be under way at once. With 2, a unit starts while the one
   * before it finishes: in the delivery stage, the next unit claims and calls Hyros while the
   * previous one records its outcomes; in the ingest stage, the next unit is published while the
   * broker acknowledges the previous one. Outcomes are still recorded, and polls acknowledged, in
   * order. A crash can then leave up to this many units' claims unrecorded (sent again as in doubt)
   * instead of one (docs/decisions/0015). 1 runs units strictly one after the other.
   */
  @WithDefault("2")
  @Min(1)
  int unitsInFlight();
}
