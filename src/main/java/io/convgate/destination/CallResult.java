package io.convgate.destination;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What one attempt to call a destination produced: an HTTP outcome, whatever the kind (each plug-in
 * reads its own answers into it; its classifier decides what it means).
 *
 * @param status the HTTP status, or 0 when no response arrived (connection refused, reset, timeout)
 * @param requestId the destination's id of the request on success (Hyros' {@code request_id}),
 *     otherwise null
 * @param messages the destination's messages on failure, or a description of the I/O error
 * @param retryAfter the {@code Retry-After} the response asked for, or null
 * @param errorClass the class of the I/O error when there was no response, otherwise null
 * @param rateLimitRemaining {@code X-RateLimit-Remaining}, or null when absent
 * @param rateLimitReset {@code X-RateLimit-Reset}, or null when absent
 * @param unanswered when no response arrived, whether the request had been written (the destination
 *     may have received it); null when a response arrived
 */
public record CallResult(
    int status,
    String requestId,
    List<String> messages,
    Duration retryAfter,
    String errorClass,
    Integer rateLimitRemaining,
    Instant rateLimitReset,
    Unanswered unanswered) {

  /** A response (or its absence, with nothing known of the request). */
  public CallResult(
      int status,
      String requestId,
      List<String> messages,
      Duration retryAfter,
      String errorClass,
      Integer rateLimitRemaining,
      Instant rateLimitReset) {
    this(
        status,
        requestId,
        messages,
        retryAfter,
        errorClass,
        rateLimitRemaining,
        rateLimitReset,
        status == 0 ? Unanswered.NOT_SENT : null);
  }

  /** A response without rate-limit headers. */
  public CallResult(
      int status, String requestId, List<String> messages, Duration retryAfter, String errorClass) {
    this(status, requestId, messages, retryAfter, errorClass, null, null);
  }

  /**
   * An I/O error before the request was completely written: the destination cannot have acted on
   * it.
   */
  public static CallResult ioFailure(Throwable error) {
    return ioFailure(error, false);
  }

  /**
   * An I/O error; {@code written} tells whether the whole request had been written before it. A
   * written request that got no response may have been received: a timeout ({@link
   * java.util.concurrent.TimeoutException}) or a lost connection.
   */
  public static CallResult ioFailure(Throwable error, boolean written) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Unanswered unanswered =
        !written
            ? Unanswered.NOT_SENT
            : error instanceof TimeoutException ? Unanswered.TIMEOUT : Unanswered.CONNECTION_LOST;
    return new CallResult(
        0, null, List.of(message), null, error.getClass().getName(), null, null, unanswered);
  }

  /** Whether this call got no response although the destination may have received it. */
  public boolean mayHaveArrived() {
    return unanswered != null && unanswered.mayHaveArrived();
  }

  public boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
