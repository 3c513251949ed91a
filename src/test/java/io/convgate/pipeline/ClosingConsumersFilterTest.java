package io.convgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

/** Only the consumers' close-time failures, after the drain, leave ERROR and WARN. */
class ClosingConsumersFilterTest {

  private static final String FAILED =
      "SRMSG00201: Error caught while processing a message in method %s";
  private static final String REPORTED =
      "SRMSG18228: A failure has been reported for Kafka topics '%s': %s";
  private static final String REVOKING =
      "SRMSG18222: Unable to execute consumer revoked re-balance listener for group '%s'";
  private static final String POLL_FAILED =
      "SRMSG18285: Failed to poll consumer client `%s` for channel `%s`, it will be re-attempted:"
          + " %s";

  @Test
  void afterTheDrainAClosedConsumersFailureIsWrittenAtDebug() {
    ClosingConsumersFilter filter = new ClosingConsumersFilter(() -> true);
    LogRecord wakeup = record(Level.SEVERE, FAILED, new WakeupException());
    LogRecord closed =
        record(
            Level.WARNING,
            REPORTED,
            new IllegalStateException("This consumer has already been closed."));

    // Seen in QuietShutdownIT: the revoked listener's commit woken up by the close.
    LogRecord revoking = record(Level.SEVERE, REVOKING, new WakeupException());
    // Seen in QuietShutdownIT: a poll scheduled before the close ran after it.
    LogRecord polled =
        record(
            Level.WARNING,
            POLL_FAILED,
            new IllegalStateException("This consumer has already been closed."));

    assertThat(filter.isLoggable(wakeup)).isTrue();
    assertThat(filter.isLoggable(closed)).isTrue();
    assertThat(filter.isLoggable(revoking)).isTrue();
    assertThat(filter.isLoggable(polled)).isTrue();
    assertThat(wakeup.getLevel()).isEqualTo(org.jboss.logmanager.Level.DEBUG);
    assertThat(closed.getLevel()).isEqualTo(org.jboss.logmanager.Level.DEBUG);
    assertThat(revoking.getLevel()).isEqualTo(org.jboss.logmanager.Level.DEBUG);
    assertThat(polled.getLevel()).isEqualTo(org.jboss.logmanager.Level.DEBUG);
  }

  /** Seen in QuietShutdownIT: a delivery consumer's close ran out of time, its leave pending. */
  @Test
  void afterTheDrainAConsumersCloseTimeoutIsWrittenAtDebugAndBeforeItIsNot() {
    String coordinator = "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator";
    String timedOut =
        "[Consumer clientId=kafka-consumer-deliveries-in$2, groupId=convgate-delivery] Close timed"
            + " out with 2 pending requests to coordinator, terminating client connections";
    LogRecord after = record(Level.WARNING, timedOut, null);
    after.setLoggerName(coordinator);
    LogRecord before = record(Level.WARNING, timedOut, null);
    before.setLoggerName(coordinator);
    LogRecord producer = record(Level.WARNING, timedOut, null);
    producer.setLoggerName("org.apache.kafka.clients.producer.KafkaProducer");
    LogRecord otherWarning =
        record(Level.WARNING, "[Consumer clientId=x, groupId=y] Offset commit failed", null);
    otherWarning.setLoggerName(coordinator);

    ClosingConsumersFilter drained = new ClosingConsumersFilter(() -> true);
    assertThat(drained.isLoggable(after)).isTrue();
    new ClosingConsumersFilter(() -> false).isLoggable(before);
    drained.isLoggable(producer);
    drained.isLoggable(otherWarning);

    assertThat(after.getLevel()).isEqualTo(org.jboss.logmanager.Level.DEBUG);
    assertThat(before.getLevel()).isEqualTo(Level.WARNING);
    assertThat(producer.getLevel()).isEqualTo(Level.WARNING);
    assertThat(otherWarning.getLevel()).isEqualTo(Level.WARNING);
  }

  @Test
  void beforeTheDrainOrWithAnotherCauseOrMessageNothingChanges() {
    LogRecord beforeDrain = record(Level.SEVERE, FAILED, new WakeupException());
    new ClosingConsumersFilter(() -> false).isLoggable(beforeDrain);
    assertThat(beforeDrain.getLevel()).isEqualTo(Level.SEVERE);
    LogRecord revokingBeforeDrain = record(Level.SEVERE, REVOKING, new WakeupException());
    new ClosingConsumersFilter(() -> false).isLoggable(revokingBeforeDrain);
    assertThat(revokingBeforeDrain.getLevel()).isEqualTo(Level.SEVERE);
    LogRecord pollBeforeDrain =
        record(
            Level.WARNING,
            POLL_FAILED,
            new IllegalStateException("This consumer has already been closed."));
    new ClosingConsumersFilter(() -> false).isLoggable(pollBeforeDrain);
    assertThat(pollBeforeDrain.getLevel()).isEqualTo(Level.WARNING);

    ClosingConsumersFilter after = new ClosingConsumersFilter(() -> true);
    LogRecord otherCause = record(Level.SEVERE, FAILED, new IllegalStateException("boom"));
    LogRecord otherMessage =
        record(Level.SEVERE, "SRMSG00200: The method %s has thrown an exception", null);
    LogRecord pollOtherCause =
        record(Level.WARNING, POLL_FAILED, new IllegalStateException("not subscribed"));
    after.isLoggable(otherCause);
    after.isLoggable(otherMessage);
    after.isLoggable(pollOtherCause);
    assertThat(otherCause.getLevel()).isEqualTo(Level.SEVERE);
    assertThat(otherMessage.getLevel()).isEqualTo(Level.SEVERE);
    assertThat(pollOtherCause.getLevel()).isEqualTo(Level.WARNING);
  }

  private static LogRecord record(Level level, String message, Throwable thrown) {
    LogRecord record = new LogRecord(level, message);
    record.setThrown(thrown);
    return record;
  }
}
