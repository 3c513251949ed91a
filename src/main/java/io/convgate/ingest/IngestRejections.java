package io.convgate.ingest;

import io.convgate.deadletter.DeadLetter;
import io.convgate.deadletter.DeadLetterPublisher;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventIdentity;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Dead-letters what the ingest stage cannot accept, with its field-level reasons, and counts it by
 * type, reason and source.
 */
@ApplicationScoped
class IngestRejections {

  private static final Logger LOGGER = Logger.getLogger(IngestRejections.class);
  static final String STAGE = "ingest";

  private final DeadLetterPublisher deadLetters;
  private final PipelineMetrics metrics;

  IngestRejections(DeadLetterPublisher deadLetters, PipelineMetrics metrics) {
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  Uni<Void> reject(OriginalRecord original, InvalidEventException error, ConversionEvent event) {
    return reject(original, error, event, event == null ? null : event.integration());
  }

  /**
   * @param integration the integration the dead letter is for: the one the event names, or the
   *     routed target whose destination cannot read it
   */
  Uni<Void> reject(
      OriginalRecord original,
      InvalidEventException error,
      ConversionEvent event,
      String integration) {
    EventIdentity identity =
        event == null
            ? error.identity()
            : new EventIdentity(event.id(), event.type().wireName(), integration, event.source());
    // Only known types become a label: a producer's typo must not create a metric series.
    String type =
        EventType.fromWireName(identity.type()).map(EventType::wireName).orElse("unknown");
    metrics.ingested(type, false, error.reason().code(), identity.source());
    LOGGER.debugf(
        "rejected topic=%s partition=%d offset=%d reason=%s errors=%s",
        LogSafe.of(original.topic()),
        original.partition(),
        original.offset(),
        LogSafe.of(error.reason().code()),
        LogSafe.of(error.errors(), LogSafe.TEXT));
    return deadLetters.publish(
        new DeadLetter(
            original,
            STAGE,
            error.reason().code(),
            error.detail(),
            InvalidEventException.class.getName(),
            error.errors(),
            null,
            List.of(),
            0,
            null,
            null,
            identity.integration(),
            identity.id(),
            identity.type()));
  }
}
