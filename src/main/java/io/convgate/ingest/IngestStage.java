package io.convgate.ingest;

import io.convgate.event.ConversionEvent;
import io.convgate.event.EventDecoder;
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
import io.convgate.route.RouteCatalog;
import io.convgate.route.RouteTable;
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

/**
 * Stage 1: reads the billing and CRM topics a poll at a time, decodes and validates each record,
 * resolves its integrations (the one it names and those its routes send it to, decision 0053), maps
 * it to a Hyros call per integration and publishes them to {@code convgate.deliveries} keyed by
 * integration. A record that cannot be accepted goes to the dead-letter topic with its field-level
 * reasons and never holds back the records behind it. The poll is acknowledged (its offsets
 * committed) only after every output has reached the broker.
 */
@ApplicationScoped
public class IngestStage {

  private final EventDecoder decoder;
  private final CommandFactory commands;
  private final IntegrationRegistry integrations;
  private final DeliveryPublisher deliveries;
  private final IngestRejections rejecter;
  private final PipelineMetrics metrics;
  private final RouteCatalog routes;
  private final RoutedTargets routed;
  private final Coalescer.PerConsumer<byte[], byte[]> units;

  public IngestStage(
      EventDecoder decoder,
      CommandFactory commands,
      IntegrationRegistry integrations,
      DeliveryPublisher deliveries,
      IngestRejections rejecter,
      PipelineMetrics metrics,
      RouteCatalog routes,
      RoutedTargets routed,
      Drain drain,
      PipelineConfig pipeline) {
    this.decoder = decoder;
    this.commands = commands;
    this.integrations = integrations;
    this.deliveries = deliveries;
    this.rejecter = rejecter;
    this.metrics = metrics;
    this.routes = routes;
    this.routed = routed;
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
    return routes.table().chain(table -> process(records, table, ready));
  }

  /**
   * @param table the routes of the whole unit: a reload meanwhile applies from the next unit
   */
  private Uni<Void> process(
      List<ConsumerRecord<byte[], byte[]>> records, RouteTable table, Runnable ready) {
    List<Decoded> decoded = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      decoded.add(decode(record, table));
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
   * The poll's distinct integrations, named or routed to, looked up together before anything is
   * published: cached ones in a loop, the rest in one query ({@link IntegrationRegistry#findAll}),
   * however many the poll names.
   */
  private Uni<Map<String, Optional<Integration>>> resolveIntegrations(List<Decoded> decoded) {
    Set<String> ids = new LinkedHashSet<>();
    for (Decoded item : decoded) {
      if (item.event() != null && item.event().integration() != null) {
        ids.add(item.event().integration());
      }
      ids.addAll(item.routed());
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
      accept(item, resolved, accepted, acks);
    }
    acks.add(deliveries.publishAll(accepted).subscribeAsCompletionStage());
    return Uni.createFrom()
        .completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
  }

  /**
   * Adds the record's commands to {@code accepted}: one for the integration it names and one per
   * integration the routes send it to. What cannot be accepted is dead-lettered (its ack added to
   * {@code rejections}): a refused named integration as before routes existed, an event that goes
   * nowhere as {@code no-route}; a routed target that cannot take it is skipped, not dead-lettered.
   */
  private void accept(
      Decoded item,
      Map<String, Optional<Integration>> resolved,
      List<DeliveryCommand> accepted,
      List<CompletableFuture<Void>> rejections) {
    if (item.rejection() != null) {
      rejections.add(
          rejecter.reject(item.original(), item.rejection(), null).subscribeAsCompletionStage());
      return;
    }
    ConversionEvent event = item.event();
    String named = event.integration();
    if (named == null && item.routed().isEmpty()) {
      rejections.add(
          rejecter
              .reject(item.original(), IntegrationCheck.noRoute(event), event)
              .subscribeAsCompletionStage());
      return;
    }
    boolean any = named != null && acceptNamed(item, resolved, accepted, rejections);
    if (!item.routed().isEmpty()) {
      RoutedTargets.Outcome outcome =
          routed.add(
              event,
              item.routed(),
              resolved,
              item.original(),
              accepted,
              (target, error) ->
                  rejections.add(
                      rejecter
                          .reject(item.original(), error, event, target)
                          .subscribeAsCompletionStage()));
      if (outcome.sent() > 0) {
        any = true;
      } else if (named == null && outcome.nowhere()) {
        rejections.add(
            rejecter
                .reject(item.original(), IntegrationCheck.noTarget(outcome.skips()), event)
                .subscribeAsCompletionStage());
      }
    }
    if (any) {
      metrics.ingested(event.type().wireName(), true, "none", event.source());
    }
  }

  /** The command for the integration the event names; false when it was dead-lettered instead. */
  private boolean acceptNamed(
      Decoded item,
      Map<String, Optional<Integration>> resolved,
      List<DeliveryCommand> accepted,
      List<CompletableFuture<Void>> rejections) {
    ConversionEvent event = item.event();
    Optional<Integration> integration =
        resolved.getOrDefault(event.integration(), Optional.empty());
    Optional<InvalidEventException> refusal =
        IntegrationCheck.refusal(event.integration(), integration);
    if (refusal.isPresent()) {
      rejections.add(
          rejecter.reject(item.original(), refusal.get(), event).subscribeAsCompletionStage());
      return false;
    }
    try {
      accepted.add(commands.create(event, integration.get(), item.original()));
      return true;
    } catch (InvalidEventException e) {
      rejections.add(rejecter.reject(item.original(), e, event).subscribeAsCompletionStage());
      return false;
    }
  }

  private Decoded decode(ConsumerRecord<byte[], byte[]> record, RouteTable table) {
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
      ConversionEvent event = decoder.decode(record.value(), headers);
      // No routes (most deployments): no matching, no list made.
      List<String> targets = table.isEmpty() ? List.of() : table.routed(event);
      return new Decoded(original, event, null, targets);
    } catch (InvalidEventException e) {
      return new Decoded(original, null, e, List.of());
    }
  }

  /**
   * @param routed the integrations the routes send the event to besides the one it names
   */
  private record Decoded(
      OriginalRecord original,
      ConversionEvent event,
      InvalidEventException rejection,
      List<String> routed) {}
}
