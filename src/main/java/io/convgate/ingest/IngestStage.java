package io.convgate.ingest;

import io.convgate.deadletter.DeadLetter;
import io.convgate.deadletter.DeadLetterPublisher;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventDecoder;
import io.convgate.event.EventIdentity;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.pipeline.Coalescer;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.Drain;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.pipeline.PipelineConfig;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stage 1: reads the billing and CRM topics a poll at a time, decodes and validates each record,
 * resolves its integration, maps it to a Hyros call and publishes it to {@code convgate.deliveries}
 * keyed by integration. A record that cannot be accepted goes to the dead-letter topic with its
 * field-level reasons and never holds back the records behind it. The poll is acknowledged (its
 * offsets committed) only after every output has reached the broker.
 */
@ApplicationScoped
public class IngestStage {

  private static final Logger LOGGER = Logger.getLogger(IngestStage.class);
  static final String STAGE = "ingest";

  private final EventDecoder decoder;
  private final CommandFactory commands;
  private final IntegrationRegistry integrations;
  private final DeliveryPublisher deliveries;
  private final DeadLetterPublisher deadLetters;
  private final PipelineMetrics metrics;
  private final Coalescer.PerConsumer<byte[], byte[]> units;

  public IngestStage(
      EventDecoder decoder,
      CommandFactory commands,
      IntegrationRegistry integrations,
      DeliveryPublisher deliveries,
      DeadLetterPublisher deadLetters,
      PipelineMetrics metrics,
      Drain drain,
      PipelineConfig pipeline) {
    this.decoder = decoder;
    this.commands = commands;
    this.integrations = integrations;
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.units =
        new Coalescer.PerConsumer<>(
            unit ->
                drain
                    .track(() -> process(unit.records(), unit.ready()).replaceWith(true))
                    .replaceWith(Set.<Integer>of()),
            pipeline.maxMergedRecords(),
            pipeline.unitsInFlight());
  }

  /**
   * Takes a poll. Polls that arrive while the previous unit is being published are merged into the
   * next unit ({@link Coalescer}); each poll is acknowledged when its unit is done.
   */
  @Incoming("events-in")
  @Acknowledgment(Acknowledgment.Strategy.MANUAL)
  public Uni<Void> ingest(KafkaRecordBatch<byte[], byte[]> poll) {
    return units.offer(poll);
  }

  /**
   * @param ready called once the unit's commands are handed to the producer: the next unit's are
   *     sent after them, so it may start while the broker acknowledges these
   */
  private Uni<Void> process(List<ConsumerRecord<byte[], byte[]>> records, Runnable ready) {
    List<Decoded> decoded = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decoded.add(decode(record));
    }
    return resolveIntegrations(decoded)
        .chain(
            resolved -> {
              Uni<Void> acknowledged = publishInOrder(decoded, resolved);
              ready.run();
              return acknowledged;
            });
  }

  /**
   * The poll's distinct integrations, looked up together before anything is published: cached ones
   * in a loop, the rest in one query ({@link IntegrationRegistry#findAll}), however many the poll
   * names.
   */
  private Uni<Map<String, Optional<Integration>>> resolveIntegrations(List<Decoded> decoded) {
    Set<String> ids = new LinkedHashSet<>();
    for (Decoded item : decoded) {
      if (item.event() != null) {
        ids.add(item.event().integration());
      }
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return integrations.findAll(ids);
  }

  /**
   * Publishes the poll's commands in read order (so per-integration order survives) in one hand-off
   * to the producer, dead-letters what cannot be accepted, then waits for every ack.
   */
  private Uni<Void> publishInOrder(
      List<Decoded> decoded, Map<String, Optional<Integration>> resolved) {
    List<DeliveryCommand> accepted = new ArrayList<>(decoded.size());
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (Decoded item : decoded) {
      DeliveryCommand command = accept(item, resolved, acks);
      if (command != null) {
        accepted.add(command);
      }
    }
    acks.add(deliveries.publishAll(accepted).subscribeAsCompletionStage());
    return Uni.createFrom()
        .completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
  }

  /**
   * @return the command to publish, or null when the record was rejected (its dead letter's ack is
   *     added to {@code rejections})
   */
  private DeliveryCommand accept(
      Decoded item,
      Map<String, Optional<Integration>> resolved,
      List<CompletableFuture<Void>> rejections) {
    if (item.rejection() != null) {
      rejections.add(reject(item.original(), item.rejection(), null).subscribeAsCompletionStage());
      return null;
    }
    ConversionEvent event = item.event();
    Optional<InvalidEventException> refusal =
        IntegrationCheck.refusal(
            event.integration(), resolved.getOrDefault(event.integration(), Optional.empty()));
    if (refusal.isPresent()) {
      rejections.add(reject(item.original(), refusal.get(), event).subscribeAsCompletionStage());
      return null;
    }
    try {
      DeliveryCommand command = commands.create(event, item.original());
      metrics.ingested(event.type().wireName(), true, "none", event.source());
      return command;
    } catch (InvalidEventException e) {
      rejections.add(reject(item.original(), e, event).subscribeAsCompletionStage());
      return null;
    }
  }

  private Uni<Void> reject(
      OriginalRecord original, InvalidEventException error, ConversionEvent event) {
    EventIdentity identity =
        event == null
            ? error.identity()
            : new EventIdentity(
                event.id(), event.type().wireName(), event.integration(), event.source());
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

  private Decoded decode(ConsumerRecord<byte[], byte[]> record) {
    HeaderList headers = HeaderList.of(record.headers());
    OriginalRecord original =
        new OriginalRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            headers);
    try {
      return new Decoded(original, decoder.decode(record.value(), headers), null);
    } catch (InvalidEventException e) {
      return new Decoded(original, null, e);
    }
  }

  private record Decoded(
      OriginalRecord original, ConversionEvent event, InvalidEventException rejection) {}
}
