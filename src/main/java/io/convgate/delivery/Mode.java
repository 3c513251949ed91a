package io.convgate.delivery;

/** Whether commands come fresh from a poll or back out of the park. */
enum Mode {
  /** From a poll of the delivery topic: a held integration's commands are parked. */
  POLL,
  /** From the park, in a release: sent unless the integration failed again meanwhile. */
  RELEASE
}
