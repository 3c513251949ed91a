package io.convgate.testkit;

import io.convgate.testkit.sandbox.AcceptedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How long deliveries stopped after a kill, read from the times the sandbox accepted them: seconds
 * from the kill until the first delivery after it, and until the rate over the last two seconds is
 * back to 90 % of the rate over the ten seconds before the kill (or since the first delivery).
 */
public final class RecoveryTimes {

  private static final long BEFORE_MILLIS = 10_000;
  private static final long WINDOW_MILLIS = 2_000;
  private static final long STEP_MILLIS = 100;

  private RecoveryTimes() {}

  /**
   * @param rateBefore deliveries per second in the ten seconds before the kill
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
    double rateBefore = t0 > from ? count(times, from, t0) * 1000.0 / (t0 - from) : 0;
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
