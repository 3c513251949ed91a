package io.convgate.delivery;

import io.convgate.destination.Unanswered;

/**
 * Calls of one delivery made again after an earlier call got no response although Hyros may have
 * received it: the calls that may have reached Hyros twice.
 *
 * @param timeout sent again after a read timeout
 * @param connectionLost sent again after the connection was lost once the request was written
 */
record Repeats(int timeout, int connectionLost) {

  static final Repeats NONE = new Repeats(0, 0);

  /** These, and one more call made after {@code previous}. */
  Repeats after(Unanswered previous) {
    return switch (previous) {
      case TIMEOUT -> new Repeats(timeout + 1, connectionLost);
      case CONNECTION_LOST -> new Repeats(timeout, connectionLost + 1);
      case NOT_SENT -> this;
    };
  }

  /** The metric's {@code cause} label of a call made again after {@code previous}. */
  static String cause(Unanswered previous) {
    return switch (previous) {
      case TIMEOUT -> "timeout";
      case CONNECTION_LOST -> "connection-lost";
      case NOT_SENT -> throw new IllegalArgumentException("a call never sent is not repeated");
    };
  }
}
