package io.convgate.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.pipeline.EventLog;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes dead letters to {@code convgate.dead-letter}: the original key, value and headers
 * unchanged (every header, in order), plus the {@link DeadLetterHeaders}. What convgate adds about
 * the record (its reason, identity, Hyros' messages) is text for people and tools to show: it is
 * made {@link LogSafe}, so a producer's line breaks or 100,000-character id reach neither the log,
 * the index nor a terminal; the original bytes stay whole. The returned {@code Uni} completes once
 * the broker has the record, so the caller may then commit the input offset.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  private static final Logger LOGGER = Logger.getLogger(DeadLetterPublisher.class);
  private static final int BUFFER = 4096;

  private final MutinyEmitter<byte[]> emitter;
  private final ObjectMapper json;
  private final PipelineMetrics metrics;

  public DeadLetterPublisher(
      @Channel("dead-letter") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> emitter,
      ObjectMapper json,
      PipelineMetrics metrics) {
    this.emitter = emitter;
    this.json = json;
    this.metrics = metrics;
  }

  /** Sends now (not on subscription) and returns the broker's acknowledgement. */
  public Uni<Void> publish(DeadLetter letter) {
    RecordHeaders headers = letter.original().headers().toRecordHeaders();
    String reason = LogSafe.orNull(letter.reason(), LogSafe.TEXT);
    String integration = LogSafe.orNull(letter.integration(), LogSafe.VALUE);
    String eventId = LogSafe.orNull(letter.eventId(), LogSafe.VALUE);
    put(headers, DeadLetterHeaders.REASON, reason);
    put(headers, DeadLetterHeaders.REASON_CODE, letter.reasonCode());
    put(headers, DeadLetterHeaders.STAGE, letter.stage());
    put(headers, DeadLetterHeaders.CAUSE, reason);
    put(headers, DeadLetterHeaders.CAUSE_CLASS, LogSafe.orNull(letter.causeClass(), LogSafe.VALUE));
    put(headers, DeadLetterHeaders.TOPIC, letter.original().topic());
    put(headers, DeadLetterHeaders.PARTITION, String.valueOf(letter.original().partition()));
    put(headers, DeadLetterHeaders.OFFSET, String.valueOf(letter.original().offset()));
    if (!letter.fieldErrors().isEmpty()) {
      put(headers, DeadLetterHeaders.FIELD_ERRORS, toJson(letter.fieldErrors()));
    }
    if (letter.httpStatus() != null) {
      put(headers, DeadLetterHeaders.HTTP_STATUS, String.valueOf(letter.httpStatus()));
    }
    if (!letter.hyrosMessages().isEmpty()) {
      put(
          headers,
          DeadLetterHeaders.HYROS_MESSAGES,
          toJson(letter.hyrosMessages().stream().map(m -> LogSafe.of(m, LogSafe.TEXT)).toList()));
    }
    put(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(letter.attempts()));
    put(headers, DeadLetterHeaders.FIRST_ATTEMPT, str(letter.firstAttemptAt()));
    put(headers, DeadLetterHeaders.LAST_ATTEMPT, str(letter.lastAttemptAt()));
    put(headers, DeadLetterHeaders.INTEGRATION, integration);
    put(headers, DeadLetterHeaders.EVENT_ID, eventId);
    put(headers, DeadLetterHeaders.EVENT_TYPE, LogSafe.orNull(letter.eventType(), LogSafe.VALUE));

    OutgoingKafkaRecordMetadata<byte[]> metadata =
        OutgoingKafkaRecordMetadata.<byte[]>builder()
            .withKey(letter.original().key())
            .withHeaders(headers)
            .build();
    Message<byte[]> message = Message.of(letter.original().value()).addMetadata(metadata);
    EventLog.log(
        LOGGER,
        Logger.Level.WARN,
        letter.eventId(),
        letter.integration(),
        "dead_lettered",
        "dead-lettered stage=%s reason=%s integration=%s event_id=%s topic=%s partition=%d offset=%d detail=%s",
        LogSafe.of(letter.stage()),
        LogSafe.of(letter.reasonCode()),
        LogSafe.of(integration),
        LogSafe.of(eventId),
        LogSafe.of(letter.original().topic()),
        letter.original().partition(),
        letter.original().offset(),
        LogSafe.of(reason, LogSafe.TEXT));
    metrics.deadLettered(letter.stage(), letter.reasonCode());
    return Uni.createFrom()
        .completionStage(emitter.sendMessage(message).subscribeAsCompletionStage());
  }

  private String toJson(List<?> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      return values.toString();
    }
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }

  private static void put(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.remove(name);
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
