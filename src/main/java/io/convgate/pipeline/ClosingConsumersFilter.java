package io.convgate.pipeline;

import io.quarkus.logging.LoggingFilter;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * After the shutdown drain, the Kafka connector closes the consumers one after another; a consumer
 * closed while a rebalance (caused by one closed before it) fetches its committed offsets, or while
 * it polls, fails its stream with a {@code WakeupException} or {@code IllegalStateException: This
 * consumer has already been closed}, and the messaging layer reports that at WARN ({@code
 * SRMSG18228}) and ERROR ({@code SRMSG00201}) although nothing is lost: the drain has ended and
 * what is unacknowledged is left for the partitions' next owner on purpose (decisions 0021, 0037).
 * A consumer closed while its revoked-partitions listener commits reports the same wake-up at ERROR
 * ({@code SRMSG18222}): the offsets it did not commit are read again by the next owner, and the
 * ledger skips what was delivered. A poll the connector had scheduled before the close runs after
 * it and reports the closed consumer at WARN ({@code SRMSG18285}, "it will be re-attempted": it is
 * not, the channel is stopping; seen in QuietShutdownIT, decision 0068). Those four messages, with
 * those two causes, after the drain only, are written at DEBUG. So is the Kafka client's own report
 * of a consumer whose close ran out of time with requests to its group coordinator pending (its
 * last commit or its leave): the offsets are read again by the next owner, the ledger skips what
 * was delivered, and the group notices the member gone at its session timeout (decision 0068).
 * Anything else, and the same messages before the drain or with another cause, is untouched.
 */
@LoggingFilter(name = "closing-consumers")
public final class ClosingConsumersFilter implements Filter {

  private static final Set<String> IDS =
      Set.of("SRMSG00201", "SRMSG18228", "SRMSG18222", "SRMSG18285");
  private static final String WAKEUP = "org.apache.kafka.common.errors.WakeupException";
  private static final String CLOSED = "This consumer has already been closed";
  private static final String CONSUMER_LOGGERS = "org.apache.kafka.clients.consumer.";
  private static final String CLOSE_TIMED_OUT = "Close timed out with";
  private static final String PENDING_TO_COORDINATOR = "pending requests to coordinator";
  private static volatile boolean drained;

  private final BooleanSupplier afterDrain;

  public ClosingConsumersFilter() {
    this(() -> drained);
  }

  ClosingConsumersFilter(BooleanSupplier afterDrain) {
    this.afterDrain = afterDrain;
  }

  /** The drain has ended: the consumers are about to close. */
  static void drainEnded() {
    drained = true;
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (afterDrain.getAsBoolean() && (closingConsumer(record) || closeTimedOut(record))) {
      record.setLevel(org.jboss.logmanager.Level.DEBUG);
    }
    return true;
  }

  /** The Kafka consumer's "Close timed out with N pending requests to coordinator". */
  static boolean closeTimedOut(LogRecord record) {
    String logger = record.getLoggerName();
    String message = record.getMessage();
    return logger != null
        && logger.startsWith(CONSUMER_LOGGERS)
        && message != null
        && message.contains(CLOSE_TIMED_OUT)
        && message.contains(PENDING_TO_COORDINATOR);
  }

  static boolean closingConsumer(LogRecord record) {
    String message = record.getMessage();
    if (message == null || message.length() < 10 || !IDS.contains(message.substring(0, 10))) {
      return false;
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (WAKEUP.equals(t.getClass().getName())
          || (t instanceof IllegalStateException
              && t.getMessage() != null
              && t.getMessage().contains(CLOSED))) {
        return true;
      }
    }
    return false;
  }
}
