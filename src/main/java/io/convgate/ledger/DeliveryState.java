package io.convgate.ledger;

/** The states of a ledger row. */
public enum DeliveryState {
  /** Being delivered; if found so after a restart, the delivery is in doubt. */
  CLAIMED,
  /** Held in {@code parked_deliveries} until its integration can take it again. */
  PARKED,
  /** Hyros accepted it. Final. */
  DELIVERED,
  /** Hyros refused it for good (or it could not be delivered); it went to the dead-letter topic. */
  DEAD_LETTERED,
  /**
   * Not sent: a change of a thing (call, subscription, cart) older than one already delivered for
   * it (decision 0043). Final.
   */
  STALE
}
