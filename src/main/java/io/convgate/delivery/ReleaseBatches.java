package io.convgate.delivery;

import io.convgate.integration.Integration;
import io.convgate.ledger.DeliveryState;
import io.convgate.ledger.Ledger;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.ParkedDeliveries;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.DeliveryOwnership;
import io.convgate.pipeline.Drain;
import io.convgate.pipeline.PipelineMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one batch of an integration's parked deliveries, oldest first, for the {@link Releaser}:
 * finishes those the ledger already settled (delivered or dead-lettered meanwhile, or stale),
 * dead-letters those whose command cannot be read, takes the rest back from the park and sends them
 * in release mode, recording each outcome. Tracked by the drain, so a shutdown waits for the batch
 * under way.
 */
@ApplicationScoped
public class ReleaseBatches {

  private final Vertx vertx;
  private final Ledger ledger;
  private final ParkedDeliveries park;
  private final Dispatcher dispatcher;
  private final Settlement settlement;
  private final Drain drain;
  private final DeliveryConfig config;
  private final PipelineMetrics metrics;
  private final CommandReader commands;
  private final DeliveryOwnership ownership;
  private final InFlightReleases inFlight;

  public ReleaseBatches(
      Vertx vertx,
      Ledger ledger,
      ParkedDeliveries park,
      Dispatcher dispatcher,
      Settlement settlement,
      Drain drain,
      DeliveryConfig config,
      PipelineMetrics metrics,
      CommandReader commands,
      DeliveryOwnership ownership,
      InFlightReleases inFlight) {
    this.ownership = ownership;
    this.inFlight = inFlight;
    this.vertx = vertx;
    this.ledger = ledger;
    this.park = park;
    this.dispatcher = dispatcher;
    this.settlement = settlement;
    this.drain = drain;
    this.config = config;
    this.metrics = metrics;
    this.commands = commands;
  }

  /**
   * @param probe whether this batch is the probe of an open circuit (one delivery): then its
   *     earlier calls are not counted against it
   * @return whether every delivery of the batch was sent (none parked again)
   */
  public Uni<Boolean> send(
      Integration integration, List<ParkedDeliveries.Parked> batch, boolean probe) {
    List<LedgerKey> finished =
        batch.stream()
            .filter(
                p ->
                    p.state() == DeliveryState.DELIVERED
                        || p.state() == DeliveryState.DEAD_LETTERED
                        || p.state() == DeliveryState.STALE)
            .map(ParkedDeliveries.Parked::key)
            .toList();
    Map<LedgerKey, DeliveryCommand> readable = new LinkedHashMap<>();
    List<ParkedDeliveries.Parked> unreadable = new ArrayList<>();
    Map<String, Integer> priorAttempts = new HashMap<>();
    for (ParkedDeliveries.Parked parked : batch) {
      if (finished.contains(parked.key())) {
        continue;
      }
      DeliveryCommand command = commands.read(parked.command());
      if (command == null) {
        unreadable.add(parked);
      } else {
        readable.put(parked.key(), command);
        priorAttempts.put(parked.key().idempotencyKey(), probe ? 0 : parked.attempts());
      }
    }
    Recorder recorder =
        new Recorder(
            settlement,
            Mode.RELEASE,
            vertx,
            config.record().batchSize(),
            config.record().interval());
    AtomicBoolean allSent = new AtomicBoolean();
    InFlightReleases.Batch registered = inFlight.open(integration.id());
    // Registered first, then checked: a revocation either waits for this batch or has taken the
    // integration away already, and then nothing is reclaimed that the new owner could find
    // claimed (in doubt).
    if (!ownership.owns(integration.id())) {
      inFlight.close(registered);
      return Uni.createFrom().item(false);
    }
    Uni<Void> batchWork =
        drain.track(
            () ->
                ledger
                    .settle(List.of(), List.of(), finished)
                    .chain(() -> settlement.settleUnreadable(unreadable))
                    .chain(() -> park.reclaimParked(List.copyOf(readable.keySet())))
                    .chain(
                        reclaimed -> {
                          reclaimed.inDoubt().forEach(k -> metrics.inDoubt(k.integrationId()));
                          List<DeliveryCommand> toSend =
                              readable.entrySet().stream()
                                  .filter(e -> reclaimed.reclaimed().contains(e.getKey()))
                                  .map(Map.Entry::getValue)
                                  .toList();
                          // A rebalance that takes the integration away stops the batch from
                          // starting calls; what is left is parked again for the new owner.
                          return dispatcher.dispatch(
                              integration,
                              toSend,
                              Mode.RELEASE,
                              priorAttempts,
                              recorder::add,
                              command -> !ownership.owns(integration.id()));
                        })
                    .chain(ignored -> recorder.finish())
                    .invoke(
                        results ->
                            allSent.set(
                                results.stream().noneMatch(r -> r.kind() == Result.Kind.PARK)))
                    .replaceWith(true));
    return batchWork
        .onTermination()
        .invoke(() -> inFlight.close(registered))
        .map(ignored -> allSent.get());
  }
}
