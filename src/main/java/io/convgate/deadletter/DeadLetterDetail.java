package io.convgate.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

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
    List<Header> headers,
    String key,
    String payload,
    String payloadBase64,
    Instant closedAt,
    String closedBy,
    String closeReason,
    List<History> history) {

  /**
   * One header of the dead letter, in record order (a name may repeat).
   *
   * @param value the value as UTF-8 text; otherwise {@code base64:} and its bytes in base64; null
   *     when the header has none
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Header(String name, String value) {}

  /** What one replay job did with it. */
  public record History(String jobId, String state, String detail, Instant at) {}
}
