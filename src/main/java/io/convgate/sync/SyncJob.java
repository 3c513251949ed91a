package io.convgate.sync;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * A sync job as stored, and as the admin API shows it (durations as ISO-8601, e.g. {@code PT15M}).
 *
 * @param watermark the end of the last complete run (records created before it, less the overlap,
 *     have been read), or null before the first
 * @param runFrom the window of the run under way, or null
 * @param pageId the next page of the run under way, or null
 */
public record SyncJob(
    String integrationId,
    SyncedResource resource,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Duration interval,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Duration overlap,
    @JsonFormat(shape = JsonFormat.Shape.STRING) Duration trailing,
    boolean enabled,
    Instant watermark,
    Instant runFrom,
    Instant runTo,
    String pageId,
    Instant runStartedAt,
    Instant nextRunAt,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    String lastError,
    int failuresInARow,
    long recordsRead,
    long recordsPublished) {

  /** The run under way, to resume, or null when none is. */
  public RunTarget runUnderWay() {
    if (runFrom == null || runTo == null) {
      return null;
    }
    return new RunTarget(
        integrationId, resource, null, new ReadWindow(runFrom, runTo), pageId, runStartedAt);
  }
}
