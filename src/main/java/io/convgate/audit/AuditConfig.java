package io.convgate.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.audit.*}: how refused API calls reach the audit log (decision 0033). */
@ConfigMapping(prefix = "convgate.audit")
public interface AuditConfig {

  /**
   * How often refused calls (401, 403) are written: one row per caller, endpoint and reason per
   * interval, with a count. Longer means fewer rows and later ones.
   */
  @WithDefault("60s")
  Duration refusalFlushInterval();

  /**
   * The most such rows one interval writes; refusals beyond it (a flood of distinct callers or
   * endpoints) are summed in one more row, so an interval writes at most this many plus one.
   */
  @WithDefault("50")
  int refusalMaxRows();
}
