package io.convgate.testkit.sandbox;

/**
 * Counts accepted requests of one key in a sliding window, as Hyros' limiter does. The times are
 * kept in a ring of longs that grows with the traffic, so a benchmark with lifted limits does not
 * box one number per request.
 */
final class WindowCounter {

  private final int limit;
  private final long windowMillis;
  private long[] times = new long[64];
  private int head;
  private int size;

  WindowCounter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** Whether one more request at {@code now} stays within the limit. */
  boolean allows(long now) {
    evict(now);
    return size < limit;
  }

  void record(long now) {
    if (size == times.length) {
      long[] grown = new long[times.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = times[(head + i) % times.length];
      }
      times = grown;
      head = 0;
    }
    times[(head + size) % times.length] = now;
    size++;
  }

  int remaining(long now) {
    evict(now);
    return Math.max(0, limit - size);
  }

  /** When the oldest request in the window leaves it (the earliest a new one could pass). */
  long resetAt(long now) {
    evict(now);
    return size == 0 ? now : times[head] + windowMillis;
  }

  int limit() {
    return limit;
  }

  long windowMillis() {
    return windowMillis;
  }

  private void evict(long now) {
    while (size > 0 && times[head] <= now - windowMillis) {
      head = (head + 1) % times.length;
      size--;
    }
    if (size == 0) {
      head = 0;
    }
  }
}
