package io.convgate.destination;

/**
 * How convgate treats the outcome of a call. Each destination's classifier decides ({@link
 * Destination#classify}).
 */
public enum FailureClass {
  /** Delivered. */
  SUCCESS,
  /** Worth trying again later: I/O error, timeout, 408, 429, 5xx. */
  RETRYABLE,
  /** Trying again cannot help: 400 and other 4xx. The event is dead-lettered. */
  PERMANENT,
  /** 401/403: the integration's key is wrong or lacks a role. Hold, do not drop. */
  AUTH
}
