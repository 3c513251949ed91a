package io.convgate.ratelimit;

/**
 * When the tokens a bucket has lent out come back, oldest first: a ring of times, each with how
 * many tokens come back then. A time is rounded up to a multiple of {@code quantum}, so one entry
 * covers every response within a quantum and the ring holds at most about window / quantum entries
 * however many requests a window carries. (One boxed time per request, as a priority queue keeps
 * them, grows with the traffic when a limit is lifted far above it: half a million objects for one
 * minute at 9,000 requests/s.) Rounding up returns a token at most one quantum late, which can only
 * keep requests further apart. A time earlier than the newest one (a clock step back) joins the
 * newest entry: late again, never early. Not thread-safe.
 */
final class ReturnTimes {

  private final long quantum;
  private long[] times = new long[16];
  private int[] counts = new int[16];
  private int head;
  private int entries;
  private int tokens;

  ReturnTimes(long quantum) {
    if (quantum < 1) {
      throw new IllegalArgumentException("quantum must be at least 1 ms, got " + quantum);
    }
    this.quantum = quantum;
  }

  /** One token comes back at {@code atMillis}, or up to a quantum later. */
  void add(long atMillis) {
    long at = Math.floorDiv(atMillis + quantum - 1, quantum) * quantum;
    if (entries > 0) {
      int newest = index(entries - 1);
      if (times[newest] >= at) {
        counts[newest]++;
        tokens++;
        return;
      }
    }
    if (entries == times.length) {
      grow();
    }
    int slot = index(entries);
    times[slot] = at;
    counts[slot] = 1;
    entries++;
    tokens++;
  }

  /** Forgets the tokens that have come back by {@code nowMillis}. */
  void expire(long nowMillis) {
    while (entries > 0 && times[head] <= nowMillis) {
      tokens -= counts[head];
      head = (head + 1) & (times.length - 1);
      entries--;
    }
  }

  /** Tokens still to come back. */
  int tokens() {
    return tokens;
  }

  /** When the next token comes back, or {@link Long#MAX_VALUE} if none is out. */
  long next() {
    return entries == 0 ? Long.MAX_VALUE : times[head];
  }

  /** Entries in the ring (for tests: the memory it holds). */
  int entries() {
    return entries;
  }

  private int index(int offset) {
    return (head + offset) & (times.length - 1);
  }

  private void grow() {
    long[] newTimes = new long[times.length * 2];
    int[] newCounts = new int[counts.length * 2];
    for (int i = 0; i < entries; i++) {
      newTimes[i] = times[index(i)];
      newCounts[i] = counts[index(i)];
    }
    times = newTimes;
    counts = newCounts;
    head = 0;
  }
}
