package io.convgate.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A replay job and how far it has got. */
public record ReplayJob(
    String id,
    String state,
    String requestedBy,
    Instant createdAt,
    JsonNode request,
    int total,
    int republished,
    int delivered,
    int skipped,
    int failed,
    int pending,
    Instant finishedAt) {

  public boolean finished() {
    return !"RUNNING".equals(state);
  }
}
