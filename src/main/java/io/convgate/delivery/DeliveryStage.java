package io.convgate.delivery;

import io.convgate.deadletter.DeadLetterPublisher;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.integration.IntegrationStatus;
import io.convgate.ledger.ClaimRequest;
import io.convgate.ledger.ClaimResult;
import io.convgate.ledger.Ledger;
import io.convgate.ledger.LedgerKey;
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
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stage 2: reads {@code convgate.deliveries} a unit at a time (the polls merged by the {@link
 * Coalescer}). Per unit: one ledger claim (which also names the integrations with parked backlogs),
 * the sends (at each integration's pace, by the {@link Dispatcher}), and one transaction that
 * records every outcome and parks what is held back ({@link Settlement}). Only then is the poll
 * acknowledged, so a crash at any point re-reads it and the ledger turns the re-read into skips.
 * The next unit claims and sends while this one records (decision 0015): outcomes are recorded in
 * unit order, and a repeat of a key still being recorded waits for it ({@link Unrecorded}). An
 * integration that cannot take deliveries now has them parked, so it never holds back the partition
 * for the others. When a rebalance revokes a partition, the poll stops starting calls for its
 * deliveries and releases their claims before the revocation returns ({@link SettleOnRevocation}),
 * so the new owner reads them again instead of finding them in doubt.
 */
@ApplicationScoped
public class DeliveryStage {

  private static final Logger LOGGER = Logger.getLogger(DeliveryStage.class);

  private final CommandReader commands;
  private final Ledger ledger;
  private final IntegrationRegistry integrations;
  private final Dispatcher dispatcher;
  private final Settlement settlement;
  private final Holds holds;
  private final OutcomeFactory outcomes;
  private final DeadLetterPublisher deadLetters;
  private final PipelineMetrics metrics;
  private final Drain drain;
  private final InFlightPolls polls;
  private final Vertx vertx;
  private final DeliveryConfig config;
  private final Coalescer.PerConsumer<String, byte[]> units;
  private final Unrecorded unrecorded = new Unrecorded();
  private final Staleness staleness;

  public DeliveryStage(
      CommandReader commands,
      Ledger ledger,
      IntegrationRegistry integrations,
      Dispatcher dispatcher,
      Settlement settlement,
      Holds holds,
      OutcomeFactory outcomes,
      DeadLetterPublisher deadLetters,
      PipelineMetrics metrics,
      Drain drain,
      InFlightPolls polls,
      Vertx vertx,
      DeliveryConfig config,
      PipelineConfig pipeline,
      Staleness staleness) {
    this.staleness = staleness;
    this.commands = commands;
    this.ledger = ledger;
    this.integrations = integrations;
    this.dispatcher = dispatcher;
    this.settlement = settlement;
    this.holds = holds;
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.drain = drain;
    this.polls = polls;
    this.vertx = vertx;
    this.config = config;
    this.units =
        new Coalescer.PerConsumer<>(
            unit -> {
              Set<Integer> unsent = ConcurrentHashMap.newKeySet();
              return drain
                  .track(() -> process(unit).invoke(unsent::addAll).replaceWith(true))
                  .map(ignored -> (Set<Integer>) unsent);
            },
            pipeline.maxMergedRecords(),
            pipeline.unitsInFlight());
  }

  /**
   * Takes a poll. Polls that arrive while this consumer's previous unit is being delivered are
   * merged into its next unit ({@link Coalescer}). A unit's polls are acknowledged when it is done,
   * partition by partition: a partition with deliveries left unsent (a shutdown, or the partition
   * was revoked) is not acknowledged, so its next owner reads them again.
   */
  @Incoming("deliveries-in")
  @Acknowledgment(Acknowledgment.Strategy.MANUAL)
  public Uni<Void> deliver(KafkaRecordBatch<String, byte[]> poll) {
    return units.offer(poll);
  }

  /**
   * Delivers one unit (package-private for LatePollTest, which hands the stage a unit that reaches
   * it after a rebalance took its partition).
   *
   * @return the partitions with deliveries left unsent, or revoked
   */
  Uni<Set<Integer>> process(Coalescer.Unit<String, byte[]> unit) {
    Poll poll =
        polls.open(
            unit.records().stream().map(ConsumerRecord::partition).collect(Collectors.toSet()),
            unit.generation());
    return Uni.createFrom()
        .deferred(() -> process(unit, poll))
        .onTermination()
        .invoke(() -> polls.close(poll));
  }

  private Uni<Set<Integer>> process(Coalescer.Unit<String, byte[]> unit, Poll poll) {
    List<ConsumerRecord<String, byte[]>> records = unit.records();
    Map<LedgerKey, DeliveryCommand> unique = new LinkedHashMap<>();
    List<Uni<Void>> unreadable = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (poll.withdrawn(record.partition())) {
        // Read before a rebalance took its partition: the new owner reads it again. Claimed here,
        // it would be found claimed (in doubt) by the new owner until this poll released it.
        continue;
      }
      DeliveryCommand command = read(record);
      if (command == null) {
        unreadable.add(deadLetters.publish(outcomes.unreadable(original(record))));
        continue;
      }
      poll.read(command, record.partition());
      metrics.ensureIntegration(command.integrationId());
      LedgerKey key = new LedgerKey(command.integrationId(), command.idempotencyKey());
      if (unique.putIfAbsent(key, command) != null) {
        metrics.delivery(command.integrationId(), command.eventType(), "skipped");
      }
    }
    List<ClaimRequest> claims =
        unique.entrySet().stream()
            .map(
                e -> new ClaimRequest(e.getKey(), e.getValue().eventId(), e.getValue().eventType()))
            .toList();
    Recorder recorder =
        new Recorder(
            settlement,
            Mode.POLL,
            vertx,
            config.record().batchSize(),
            config.record().interval(),
            unit.previous());
    CompletableFuture<Void> recorded = new CompletableFuture<>();
    List<CompletableFuture<Void>> earlier = unrecorded.register(unique.keySet(), recorded);
    if (!earlier.isEmpty()) {
      metrics.repeatWaited();
    }
    return join(unreadable)
        .chain(() -> unrecorded.await(earlier))
        .chain(() -> ledger.claim(claims))
        .chain(claim -> sendClaimed(unique, claim, recorder, poll::withdrawn))
        // Every call of the unit has been answered: the next unit may claim and send while this
        // one records its outcomes.
        .invoke(unit.ready())
        .chain(ignored -> recorder.finish())
        .chain(this::releaseUnsent)
        .map(unsent -> unacknowledged(unsent, poll))
        .onTermination()
        .invoke(
            (item, failure, cancelled) ->
                unrecorded.done(
                    unique.keySet(),
                    recorded,
                    cancelled ? new CancellationException("unit cancelled") : failure));
  }

  private Uni<List<Result>> sendClaimed(
      Map<LedgerKey, DeliveryCommand> unique,
      ClaimResult claim,
      Recorder recorder,
      Predicate<DeliveryCommand> withdrawn) {
    Map<String, List<DeliveryCommand>> byIntegration = new LinkedHashMap<>();
    List<DeliveryCommand> repeats = new ArrayList<>();
    unique.forEach(
        (key, command) -> {
          if (!claim.shouldSend(key)) {
            repeats.add(command);
            return;
          }
          if (claim.inDoubt().contains(key)) {
            metrics.inDoubt(key.integrationId());
            LOGGER.warnf(
                "in doubt, sending again integration=%s event_id=%s key=%s",
                LogSafe.of(key.integrationId()),
                LogSafe.of(command.eventId()),
                LogSafe.of(key.idempotencyKey()));
          }
          byIntegration.computeIfAbsent(key.integrationId(), id -> new ArrayList<>()).add(command);
        });
    if (byIntegration.isEmpty()) {
      return staleness.countRepeats(repeats).replaceWith(List.of());
    }
    // The unit's integrations are looked up together (cached ones in a loop, the rest in one
    // query), then each integration's sends start side by side.
    return staleness
        .countRepeats(repeats)
        .chain(() -> integrations.findAll(byIntegration.keySet()))
        .chain(
            found -> {
              List<Uni<List<Result>>> perIntegration = new ArrayList<>();
              byIntegration.forEach(
                  (id, commands) ->
                      perIntegration.add(
                          sendAll(
                              found.getOrDefault(id, Optional.empty()),
                              commands,
                              claim.parkedBacklogs(),
                              recorder,
                              withdrawn)));
              return Uni.join().all(perIntegration).andFailFast();
            })
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private Uni<List<Result>> sendAll(
      Optional<Integration> found,
      List<DeliveryCommand> commands,
      Set<String> backlogs,
      Recorder recorder,
      Predicate<DeliveryCommand> withdrawn) {
    if (found.isEmpty()) {
      List<Result> unknown =
          commands.stream()
              .map(c -> new Result(c, Result.Kind.DEAD_LETTER, null, null, null))
              .toList();
      unknown.forEach(recorder::add);
      return Uni.createFrom().item(unknown);
    }
    Integration integration = found.get();
    if (integration.isRetired()) {
      holds.retire(integration.id(), integration.retiredAt());
      List<Result> retired =
          commands.stream()
              .map(c -> Dispatcher.retired(c, integration, integration.retiredAt()))
              .toList();
      retired.forEach(recorder::add);
      return Uni.createFrom().item(retired);
    }
    if (integration.status() == IntegrationStatus.PAUSED) {
      holds.hold(integration.id(), HoldReason.PAUSED);
    } else if (integration.status() == IntegrationStatus.AUTH_FAILED) {
      holds.hold(integration.id(), HoldReason.AUTH_FAILED);
    } else if (integration.status() == IntegrationStatus.KEY_UNCHECKED) {
      holds.hold(integration.id(), HoldReason.KEY_UNCHECKED);
    } else if (backlogs.contains(integration.id())) {
      holds.hold(integration.id(), HoldReason.BACKLOG);
    }
    return dispatcher.dispatch(
        integration, commands, Mode.POLL, Map.of(), recorder::add, withdrawn);
  }

  /**
   * Claims never attempted (shutdown, revoked partition) are released; their partitions then stay
   * unacknowledged.
   *
   * @return the commands left unsent
   */
  private Uni<List<DeliveryCommand>> releaseUnsent(List<Result> results) {
    List<DeliveryCommand> unsent =
        results.stream().filter(r -> r.kind() == Result.Kind.UNSENT).map(Result::command).toList();
    return ledger
        .release(
            unsent.stream().map(c -> new LedgerKey(c.integrationId(), c.idempotencyKey())).toList())
        .replaceWith(unsent);
  }

  /** The partitions with deliveries left unsent, and those revoked (their new owner reads them). */
  private static Set<Integer> unacknowledged(List<DeliveryCommand> unsent, Poll poll) {
    Set<Integer> partitions =
        unsent.stream().map(poll::partition).collect(Collectors.toCollection(HashSet::new));
    partitions.addAll(poll.withdrawnPartitions());
    return partitions;
  }

  private DeliveryCommand read(ConsumerRecord<String, byte[]> record) {
    DeliveryCommand command = commands.read(record.value());
    if (command == null) {
      LOGGER.errorf(
          "unreadable delivery command partition=%d offset=%d",
          record.partition(), record.offset());
    }
    return command;
  }

  private static OriginalRecord original(ConsumerRecord<String, byte[]> record) {
    return new OriginalRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
        record.value(),
        HeaderList.of(record.headers()));
  }

  private static Uni<Void> join(List<Uni<Void>> unis) {
    return unis.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(unis).andFailFast().replaceWithVoid();
  }
}
