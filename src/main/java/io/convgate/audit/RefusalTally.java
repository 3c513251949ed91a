package io.convgate.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refused calls counted in memory between two writes to the audit log: one count per kind of {@link
 * Refusal}, for at most {@code maxKinds} kinds; refusals of further kinds are only summed (by
 * reason), so a flood costs a bounded number of rows and no work per call beyond a map lookup.
 * Thread-safe.
 */
final class RefusalTally {

  /** How often one kind of refusal happened in a window, and when first and last. */
  record Count(Refusal refusal, long count, Instant first, Instant last) {}

  /**
   * What a window held.
   *
   * @param counts one per kind, in the order first seen
   * @param overflow refusals of kinds beyond the limit, by reason; empty when none
   * @param first the first overflowing refusal, null when none
   * @param last the last overflowing refusal, null when none
   */
  record Window(
      List<Count> counts, Map<Refusal.Reason, Long> overflow, Instant first, Instant last) {

    boolean isEmpty() {
      return counts.isEmpty() && overflow.isEmpty();
    }

    long total() {
      return counts.stream().mapToLong(Count::count).sum()
          + overflow.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final class Running {
    long count;
    final Instant first;
    Instant last;

    Running(Instant first) {
      this.first = first;
      this.last = first;
    }
  }

  private final Clock clock;
  private final int maxKinds;
  private Map<Refusal, Running> kinds = new LinkedHashMap<>();
  private Map<Refusal.Reason, Long> overflow = new EnumMap<>(Refusal.Reason.class);
  private Instant overflowFirst;
  private Instant overflowLast;

  RefusalTally(Clock clock, int maxKinds) {
    this.clock = clock;
    this.maxKinds = maxKinds;
  }

  synchronized void add(Refusal refusal) {
    Instant now = clock.instant();
    Running running = kinds.get(refusal);
    if (running == null) {
      if (kinds.size() >= maxKinds) {
        overflow.merge(refusal.reason(), 1L, Long::sum);
        overflowFirst = overflowFirst == null ? now : overflowFirst;
        overflowLast = now;
        return;
      }
      running = new Running(now);
      kinds.put(refusal, running);
    }
    running.count++;
    running.last = now;
  }

  /** What was counted since the last call, and a fresh window. */
  synchronized Window drain() {
    List<Count> counts = new ArrayList<>(kinds.size());
    kinds.forEach((refusal, r) -> counts.add(new Count(refusal, r.count, r.first, r.last)));
    Window window = new Window(counts, Map.copyOf(overflow), overflowFirst, overflowLast);
    kinds = new LinkedHashMap<>();
    overflow = new EnumMap<>(Refusal.Reason.class);
    overflowFirst = null;
    overflowLast = null;
    return window;
  }
}
