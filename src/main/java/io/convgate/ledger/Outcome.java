package io.convgate.ledger;

/**
 * The end of one delivery, to be recorded.
 *
 * @param key which delivery
 * @param state {@link DeliveryState#DELIVERED} or {@link DeliveryState#DEAD_LETTERED}
 * @param attempts how many calls were made
 * @param httpStatus the last HTTP status, or null when the last attempt got no response
 * @param requestId Hyros' request id on success
 * @param error a short description of the last failure, or null
 * @param timeoutRepeats calls made again after a read timeout (Hyros may have them twice)
 * @param connectionLostRepeats calls made again after a connection lost once the request was
 *     written (Hyros may have them twice)
 */
public record Outcome(
    LedgerKey key,
    DeliveryState state,
    int attempts,
    Integer httpStatus,
    String requestId,
    String error,
    int timeoutRepeats,
    int connectionLostRepeats) {

  /** An outcome with no call made again after one Hyros may have received. */
  public Outcome(
      LedgerKey key,
      DeliveryState state,
      int attempts,
      Integer httpStatus,
      String requestId,
      String error) {
    this(key, state, attempts, httpStatus, requestId, error, 0, 0);
  }
}
