package io.convgate.sync;

import java.time.Instant;

/**
 * A backfill an operator asked for, and its progress.
 *
 * @param windowFrom the start actually read: the requested one cut to Hyros' look-back
 * @param state PENDING, RUNNING, SUCCEEDED or FAILED
 */
public record Backfill(
    String id,
    String integrationId,
    SyncedResource resource,
    Instant requestedFrom,
    Instant requestedTo,
    Instant windowFrom,
    Instant windowTo,
    String state,
    int pages,
    long recordsRead,
    long recordsPublished,
    String requestedBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    String pageId) {

  public boolean finished() {
    return state.equals("SUCCEEDED") || state.equals("FAILED");
  }

  RunTarget target() {
    return new RunTarget(
        integrationId,
        resource,
        id,
        new ReadWindow(windowFrom, windowTo),
        pageId,
        startedAt == null ? createdAt : startedAt);
  }
}
