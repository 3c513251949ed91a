package io.convgate.deadletter;

import java.util.List;

/** What a replay would do, item by item (a dry run's answer). */
public record ReplayPlan(
    int total, int wouldSend, int alreadyDelivered, int wouldFail, List<Item> items) {

  /** What a replay would do with one dead letter. */
  public enum Action {
    SEND,
    ALREADY_DELIVERED,
    IN_PROGRESS,
    WOULD_FAIL
  }

  /** One dead letter's fate. */
  public record Item(long id, Action action, String detail) {}
}
