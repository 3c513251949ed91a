package io.convgate.testkit.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;

/** Counts accepted requests of one key in a sliding window, as Hyros' limiter does. */
final class WindowCounter {

  private final int limit;
  private final long windowMillis;
  private final Deque<Long> accepted = new ArrayDeque<>();

  WindowCounter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** Whether one more request at {@code now} stays within the limit. */
  boolean allows(long now) {
    evict(now);
    return accepted.size() < limit;
  }

  void record(long now) {
    accepted.addLast(now);
  }

  int remaining(long now) {
    evict(now);
    return Math.max(0, limit - accepted.size());
  }

  /** When the oldest request in the window leaves it (the earliest a new one could pass). */
  long resetAt(long now) {
    evict(now);
    return accepted.isEmpty() ? now : accepted.peekFirst() + windowMillis;
  }

  int limit() {
    return limit;
  }

  long windowMillis() {
    return windowMillis;
  }

  private void evict(long now) {
    while (!accepted.isEmpty() && accepted.peekFirst() <= now - windowMillis) {
      accepted.removeFirst();
    }
  }
}
