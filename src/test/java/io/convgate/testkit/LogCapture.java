package io.convgate.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Collects every log record of this JVM (any logger) while open, as the console handler would get
 * it: the formatted message and the MDC fields the JSON format writes. Opening it can lower one
 * category's level (e.g. {@code io.convgate} to DEBUG) so the per-event lines are written too; the
 * level is put back on close.
 */
public final class LogCapture implements AutoCloseable {

  /** One record: its logger, level, formatted message and MDC fields. */
  public record Captured(String logger, String level, String message, Map<String, String> mdc) {}

  private final List<Captured> records = new ArrayList<>();
  private final Logger root = LogContext.getLogContext().getLogger("");
  private final Logger category;
  private final Level previousLevel;
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          ExtLogRecord ext = ExtLogRecord.wrap(record);
          Captured captured =
              new Captured(
                  String.valueOf(ext.getLoggerName()),
                  ext.getLevel().getName(),
                  String.valueOf(ext.getFormattedMessage()),
                  Map.copyOf(ext.getMdcCopy()));
          synchronized (records) {
            records.add(captured);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String categoryName, Level level) {
    category = LogContext.getLogContext().getLogger(categoryName);
    previousLevel = category.getLevel();
    category.setLevel(level);
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /** Starts capturing, with {@code categoryName} logged from {@code level} up. */
  public static LogCapture start(String categoryName, Level level) {
    return new LogCapture(categoryName, level);
  }

  public List<Captured> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    category.setLevel(previousLevel);
  }
}
