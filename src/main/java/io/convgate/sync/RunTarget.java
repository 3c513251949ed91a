package io.convgate.sync;

import java.time.Instant;

/**
 * What one run reads: a scheduled run of a job, or a backfill; its window and where it is in it.
 *
 * @param backfillId the backfill's id, or null for a job's scheduled run
 * @param pageId the next page to read, or null for the window's first page
 * @param startedAt when the run started (kept across a crash: the resumed run is the same run)
 */
public record RunTarget(
    String integrationId,
    SyncedResource resource,
    String backfillId,
    ReadWindow window,
    String pageId,
    Instant startedAt) {

  public boolean isBackfill() {
    return backfillId != null;
  }

  /** The same run, about to read {@code nextPageId}. */
  public RunTarget at(String nextPageId) {
    return new RunTarget(integrationId, resource, backfillId, window, nextPageId, startedAt);
  }

  /** A name for logs and the lease: {@code integration/resource} or {@code backfill:id}. */
  public String name() {
    return isBackfill() ? "backfill:" + backfillId : integrationId + "/" + resource.code();
  }
}
