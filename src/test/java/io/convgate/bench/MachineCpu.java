package io.convgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine has spent busy (every process: convgate, the broker, PostgreSQL, the
 * sandbox and the producer), from the first line of /proc/stat, and when it was read.
 */
record MachineCpu(double busySeconds, long nanoTime) {

  static MachineCpu now() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(fields[i]);
      }
      return new MachineCpu(busy / ProcessStats.CLOCK_TICKS, System.nanoTime());
    } catch (IOException | RuntimeException e) {
      return new MachineCpu(-1, System.nanoTime());
    }
  }

  double busySecondsSince(MachineCpu earlier) {
    return busySeconds - earlier.busySeconds;
  }

  double wallSecondsSince(MachineCpu earlier) {
    return (nanoTime - earlier.nanoTime) / 1e9;
  }
}
