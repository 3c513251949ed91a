package io.convgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak resident memory of a Linux process, from /proc. */
record ProcessStats(double cpuSeconds, long peakRssKib) {

  private static final double CLOCK_TICKS = 100.0;

  static ProcessStats of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long hwm = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(ticks / CLOCK_TICKS, hwm);
    } catch (IOException e) {
      return new ProcessStats(-1, -1);
    }
  }
}
