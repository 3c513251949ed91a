package io.convgate.delivery;

import io.convgate.integration.Integration;
import io.convgate.pipeline.DeliveryCommand;

/**
 * How one command of a poll (or of a release) ended.
 *
 * @param command the command
 * @param kind what happened
 * @param attempted the calls made, or null when none was
 * @param integration the integration, or null when it does not exist
 * @param holdReason why it was parked, for {@link Kind#PARK}
 */
record Result(
    DeliveryCommand command,
    Result.Kind kind,
    Attempted attempted,
    Integration integration,
    HoldReason holdReason) {

  enum Kind {
    /** Hyros accepted it. */
    DELIVERED,
    /** Given up on: goes to the dead-letter topic. */
    DEAD_LETTER,
    /** Held back in the park until the integration recovers. */
    PARK,
    /**
     * Not attempted because of a shutdown, or because its partition was revoked: its claim is
     * released and its record read again.
     */
    UNSENT,
    /**
     * Not sent: a change older than one already delivered for its thing (decision 0043). Final,
     * like a delivery.
     */
    STALE
  }

  static Result park(
      DeliveryCommand command, Attempted attempted, Integration integration, HoldReason reason) {
    return new Result(command, Kind.PARK, attempted, integration, reason);
  }
}
