package io.convgate.testkit;

import io.convgate.testkit.sandbox.AcceptedRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long deliveries stopped after a kill, read from the times the sandbox accepted them: seconds
 * from the kill until the first delivery after it, and until the rate over the last two seconds is
 * back to 90 % of the rate before the kill: the median of the per-second counts of the ten seconds
 * before it (or of the whole seconds since the first delivery). The median, not the mean: paced
 * deliveries come in bursts (a second of 290 after three of 180 as windows refill), and the second
 * the kill fell in is partly dead; a mean counts both, and a restarted gateway that was back at its
 * usual pace could miss 90 % of a mean lifted by one burst (decision 0062).
 */
public final class RecoveryTimes {

  private static final long BEFORE_MILLIS = 10_000;
  private static final long WINDOW_MILLIS = 2_000;
  private static final long STEP_MILLIS = 100;

  private RecoveryTimes() {}

  /**
   * @param rateBefore deliveries per second before the kill (the median second of the ten before)
   * @param firstSeconds from the kill to the first delivery after it; NaN if none
   * @param steadySeconds from the kill to 90 % of {@code rateBefore}; NaN if not reached
   */
  public record Recovery(double rateBefore, double firstSeconds, double steadySeconds) {

    public String describe(String label) {
      return String.format(
          Locale.ROOT,
          "recovery after %s: deliveries again %s, at 90%% of the rate before (%.0f/s) %s",
          label,
          seconds(firstSeconds),
          rateBefore,
          seconds(steadySeconds));
    }

    private static String seconds(double s) {
      return Double.isNaN(s) ? "never" : String.format(Locale.ROOT, "after %.1f s", s);
    }
  }

  /**
   * @param deliveries what the sandbox accepted, in any order
   * @param kill when the process was found dead (after {@code GatewayProcess.kill()} returned)
   * @param until the end of the period to look at (the next kill, or the end of the run)
   */
  public static Recovery after(List<AcceptedRequest> deliveries, Instant kill, Instant until) {
    long[] times =
        deliveries.stream().mapToLong(r -> r.receivedAt().toEpochMilli()).sorted().toArray();
    long t0 = kill.toEpochMilli();
    long end = until.toEpochMilli();
    // The ten seconds before the kill, or since the first delivery if that is later.
    long from = t0 - BEFORE_MILLIS;
    if (times.length > 0 && times[0] > from) {
      from = times[0];
    }
    double rateBefore = medianSecond(times, from, t0);
    double first = Double.NaN;
    for (long t : times) {
      if (t >= t0 && t < end) {
        first = (t - t0) / 1000.0;
        break;
      }
    }
    double steady = Double.NaN;
    if (!Double.isNaN(first)) {
      double needed = 0.9 * rateBefore * WINDOW_MILLIS / 1000.0;
      for (long t = t0 + (long) (first * 1000) + STEP_MILLIS; t <= end; t += STEP_MILLIS) {
        if (count(times, t - WINDOW_MILLIS, t) >= Math.max(1, needed)) {
          steady = (t - t0) / 1000.0;
          break;
        }
      }
    }
    return new Recovery(rateBefore, first, steady);
  }

  /**
   * Deliveries per second from {@code from} to {@code until}, as a compact line ("-3:240 -2:236
   * ..."), seconds counted from {@code zero}: what a failed recovery assertion is read against.
   */
  public static String perSecond(
      List<AcceptedRequest> deliveries, Instant zero, Instant from, Instant until) {
    long[] times =
        deliveries.stream().mapToLong(r -> r.receivedAt().toEpochMilli()).sorted().toArray();
    StringBuilder line = new StringBuilder();
    long z = zero.toEpochMilli();
    for (long t = from.toEpochMilli(); t < until.toEpochMilli(); t += 1000) {
      long second = Math.floorDiv(t - z, 1000);
      line.append(second).append(':').append(count(times, t, t + 1000)).append(' ');
    }
    return line.toString().trim();
  }

  /**
   * The median of the per-second counts of the whole seconds from {@code from} to {@code to},
   * counted back from {@code to}; the mean rate when there is less than one whole second.
   */
  static double medianSecond(long[] sorted, long from, long to) {
    if (to - from < 1000) {
      return to > from ? count(sorted, from, to) * 1000.0 / (to - from) : 0;
    }
    int seconds = (int) ((to - from) / 1000);
    int[] counts = new int[seconds];
    for (int i = 0; i < seconds; i++) {
      counts[i] = count(sorted, to - (i + 1) * 1000L, to - i * 1000L);
    }
    Arrays.sort(counts);
    return seconds % 2 == 1
        ? counts[seconds / 2]
        : (counts[seconds / 2 - 1] + counts[seconds / 2]) / 2.0;
  }

  private static int count(long[] sorted, long from, long to) {
    return lowerBound(sorted, to) - lowerBound(sorted, from);
  }

  private static int lowerBound(long[] sorted, long value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
