package io.convgate.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * A range of Hyros creation dates to read, {@code [from, to)}: the {@code fromDate} and {@code
 * toDate} of every page of one run.
 */
public record ReadWindow(Instant from, Instant to) {

  public ReadWindow {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "a read window must end after it starts: " + from + " .. " + to);
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }
}
