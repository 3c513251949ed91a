package io.convgate.testkit.sandbox.hyperaktiv;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Hyperaktiv sandbox's opt-in rate limit: sliding windows of one second and one minute per key.
 * Off (everything passes) until {@link #set} is given two positive numbers, as Hyperaktiv publishes
 * no limit.
 */
final class SlidingLimit {

  private static final long SECOND = 1000;
  private static final long MINUTE = 60_000;

  private int perSecond;
  private int perMinute;
  private final Map<String, ArrayDeque<Long>> times = new ConcurrentHashMap<>();

  /** New limits, and a fresh start for every key; 0 for either turns the limit off. */
  synchronized void set(int perSecond, int perMinute) {
    this.perSecond = perSecond;
    this.perMinute = perMinute;
    times.clear();
  }

  /**
   * Whether a request of this key at {@code now} (ms) passes: 0 if it does (and it is counted),
   * else how many milliseconds until it could.
   */
  synchronized long admit(String key, long now) {
    if (perSecond <= 0 || perMinute <= 0) {
      return 0;
    }
    ArrayDeque<Long> seen = times.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!seen.isEmpty() && seen.peekFirst() <= now - MINUTE) {
      seen.pollFirst();
    }
    long wait = 0;
    if (seen.size() >= perMinute) {
      wait = seen.peekFirst() + MINUTE - now;
    }
    // The request perSecond places from the newest must have left the last second.
    int inLastSecond = 0;
    long blocking = 0;
    var newestFirst = seen.descendingIterator();
    while (newestFirst.hasNext()) {
      long t = newestFirst.next();
      if (t <= now - SECOND) {
        break;
      }
      inLastSecond++;
      if (inLastSecond == perSecond) {
        blocking = t;
        break;
      }
    }
    if (inLastSecond >= perSecond) {
      wait = Math.max(wait, blocking + SECOND - now);
    }
    if (wait > 0) {
      return wait;
    }
    seen.addLast(now);
    return 0;
  }
}
