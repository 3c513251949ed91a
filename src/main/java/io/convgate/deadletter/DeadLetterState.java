package io.convgate.deadletter;

/** Where a dead letter stands with operators. */
public enum DeadLetterState {
  /** Waiting for an operator. */
  OPEN,
  /** A replay job sent it again and is following it. */
  REPLAYING,
  /** Replayed: delivered, found delivered already, or refused again (then a new dead letter). */
  REPLAYED,
  /** An operator decided it must not be delivered, and said why. */
  DISCARDED
}
