package io.convgate.destination;

/**
 * Why a call got no response, as far as it matters for sending it again: whether the destination
 * may have received it (and acted on it) all the same.
 */
public enum Unanswered {
  /**
   * The request was never completely written (no connection, refused, or the write failed): Hyros
   * cannot have acted on it, so sending it again repeats nothing.
   */
  NOT_SENT,
  /** The request was written, then no response came within the read timeout. */
  TIMEOUT,
  /** The request was written, then the connection closed or reset before the response. */
  CONNECTION_LOST;

  /**
   * Whether the destination may have received and acted on the call: sending it again may repeat
   * it.
   */
  public boolean mayHaveArrived() {
    return this != NOT_SENT;
  }
}
