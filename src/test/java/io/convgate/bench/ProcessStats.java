package io.convgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (all of it, and the part spent in the kernel on the process's behalf) and peak resident
 * memory of a Linux process, from /proc.
 */
record ProcessStats(double cpuSeconds, double kernelSeconds, long peakRssKib) {

  /** Linux's clock ticks per second, the unit of CPU times in /proc. */
  static final double CLOCK_TICKS = 100.0;

  /**
   * CPU seconds of every process named {@code command} (e.g. PostgreSQL's postmaster and its
   * backends), including the children they have already reaped.
   */
  static double cpuSecondsOfCommand(String command) {
    long ticks = 0;
    try (var pids = Files.list(Path.of("/proc"))) {
      for (Path dir : pids.toList()) {
        String name = dir.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(dir.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (comm.equals(command)) {
            String[] fields = fieldsAfterName(stat);
            for (int i = 11; i <= 14; i++) {
              ticks += Long.parseLong(fields[i]);
            }
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended while the list was read
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks / CLOCK_TICKS;
  }

  static ProcessStats of(long pid) {
    try {
      String[] fields =
          fieldsAfterName(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
      long kernelTicks = Long.parseLong(fields[12]);
      long ticks = Long.parseLong(fields[11]) + kernelTicks;
      long hwm = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new ProcessStats(ticks / CLOCK_TICKS, kernelTicks / CLOCK_TICKS, hwm);
    } catch (IOException e) {
      return new ProcessStats(-1, -1, -1);
    }
  }

  /**
   * The fields of a /proc/<pid>/stat line after the process name (which may hold spaces): index 11
   * and 12 are its user and system CPU ticks, 13 and 14 those of the children it has reaped.
   */
  private static String[] fieldsAfterName(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }
}
