package io.convgate.pipeline;

import io.convgate.support.LogSafe;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Logs one line about one event with {@code event_id}, {@code integration} and {@code outcome} as
 * fields (the JSON log format shows them as such). The fields are set and cleared around the one
 * call, on the calling thread, so nothing leaks between events in asynchronous code. The fields are
 * made {@link LogSafe} here; the format's arguments must be passed through it by the caller. Never
 * pass a secret.
 */
public final class EventLog {

  private EventLog() {}

  public static void log(
      Logger logger,
      Logger.Level level,
      String eventId,
      String integration,
      String outcome,
      String format,
      Object... args) {
    if (!logger.isEnabled(level)) {
      return;
    }
    put("event_id", eventId);
    put("integration", integration);
    put("outcome", outcome);
    try {
      logger.logf(level, format, args);
    } finally {
      MDC.remove("event_id");
      MDC.remove("integration");
      MDC.remove("outcome");
    }
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, LogSafe.of(value));
    }
  }
}
