package io.convgate.hyros;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one attempt to call Hyros produced.
 *
 * @param status the HTTP status, or 0 when no response arrived (connection refused, reset, timeout)
 * @param requestId Hyros' {@code request_id} on success, otherwise null
 * @param messages Hyros' {@code message[]} on failure, or a description of the I/O error
 * @param retryAfter the {@code Retry-After} the response asked for, or null
 * @param errorClass the class of the I/O error when there was no response, otherwise null
 * @param rateLimitRemaining {@code X-RateLimit-Remaining}, or null when absent
 * @param rateLimitReset {@code X-RateLimit-Reset}, or null when absent
 */
public record HyrosResult(
    int status,
    String requestId,
    List<String> messages,
    Duration retryAfter,
    String errorClass,
    Integer rateLimitRemaining,
    Instant rateLimitReset) {

  /** A response without rate-limit headers. */
  public HyrosResult(
      int status, String requestId, List<String> messages, Duration retryAfter, String errorClass) {
    this(status, requestId, messages, retryAfter, errorClass, null, null);
  }

  public static HyrosResult ioFailure(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return new HyrosResult(0, null, List.of(message), null, error.getClass().getName());
  }

  public boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
