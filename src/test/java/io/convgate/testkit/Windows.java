package io.convgate.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sliding-window arithmetic over arrival times, to check a rate limit from the receiving side. */
public final class Windows {

  private Windows() {}

  /** The largest number of arrivals inside any window (t - window, t]. */
  public static int densest(List<Instant> arrivals, Duration window) {
    List<Long> times = arrivals.stream().map(Instant::toEpochMilli).sorted().toList();
    int best = 0;
    int start = 0;
    for (int end = 0; end < times.size(); end++) {
      while (times.get(start) <= times.get(end) - window.toMillis()) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Arrivals in [from, from + length). */
  public static long count(List<Instant> arrivals, Instant from, Duration length) {
    Instant to = from.plus(length);
    return arrivals.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
  }
}
