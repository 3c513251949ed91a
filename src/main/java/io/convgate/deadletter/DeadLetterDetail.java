package io.convgate.deadletter;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One dead letter with everything in it: the record as it was read, the reasons, and what operators
 * did with it.
 */
public record DeadLetterDetail(
    @JsonUnwrapped DeadLetterSummary summary,
    Integer sourcePartition,
    Long sourceOffset,
    JsonNode fieldErrors,
    JsonNode hyrosMessages,
    Map<String, String> headers,
    String key,
    String payload,
    String payloadBase64,
    Instant closedAt,
    String closedBy,
    String closeReason,
    List<History> history) {

  /** What one replay job did with it. */
  public record History(String jobId, String state, String detail, Instant at) {}
}
