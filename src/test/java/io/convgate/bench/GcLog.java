package io.convgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a JVM's {@code -Xlog:gc:file=...:time} log, so a benchmark can say
 * how long the gateway stood still in each of its phases.
 */
record GcLog(List<Pause> pauses) {

  /** One pause: when it was logged (epoch ms), whether it was a full collection, how long. */
  record Pause(long atMillis, boolean full, double millis) {}

  /** The summary of the pauses that fell in one window. */
  record Summary(int young, double youngMillis, int full, double fullMillis) {
    double stoppedMillis() {
      return youngMillis + fullMillis;
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^\\[(\\S+)\\] GC\\(\\d+\\) Pause (\\w+).* ([0-9.]+)ms$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** The JVM option that writes the log this class reads. */
  static String option(Path file) {
    return "-Xlog:gc:file=" + file + ":time";
  }

  static GcLog read(Path file) {
    try {
      return new GcLog(
          Files.readAllLines(file).stream()
              .map(LINE::matcher)
              .filter(Matcher::matches)
              .map(
                  m ->
                      new Pause(
                          OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli(),
                          m.group(2).equals("Full"),
                          Double.parseDouble(m.group(3))))
              .toList());
    } catch (IOException e) {
      return new GcLog(List.of());
    }
  }

  Summary between(long fromMillis, long toMillis) {
    int young = 0;
    int full = 0;
    double youngMillis = 0;
    double fullMillis = 0;
    for (Pause pause : pauses) {
      if (pause.atMillis() < fromMillis || pause.atMillis() > toMillis) {
        continue;
      }
      if (pause.full()) {
        full++;
        fullMillis += pause.millis();
      } else {
        young++;
        youngMillis += pause.millis();
      }
    }
    return new Summary(young, youngMillis, full, fullMillis);
  }
}
