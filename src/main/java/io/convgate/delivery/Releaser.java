package io.convgate.delivery;

import io.convgate.destination.FailureClass;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.integration.IntegrationStatus;
import io.convgate.ledger.ParkedDeliveries;
import io.convgate.pipeline.DeliveryOwnership;
import io.convgate.pipeline.Drain;
import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Releases parked deliveries, oldest first, once their integration can take them again: its
 * circuit's probe ({@code GET /user-info}) succeeds, its key was replaced, or an operator resumed
 * it. Runs on a timer on the instance that owns the integration; each integration's release runs on
 * its own, so one slow backlog never delays another.
 */
@ApplicationScoped
public class Releaser {

  private static final Logger LOGGER = Logger.getLogger(Releaser.class);

  private final Periodic periodic;
  private final ParkedDeliveries park;
  private final IntegrationRegistry integrations;
  private final Holds holds;
  private final ReleaseBatches batches;
  private final Sender sender;
  private final DeliveryOwnership ownership;
  private final Drain drain;
  private final DeliveryConfig config;
  private final Set<String> releasing = ConcurrentHashMap.newKeySet();

  public Releaser(
      Periodic periodic,
      ParkedDeliveries park,
      IntegrationRegistry integrations,
      Holds holds,
      ReleaseBatches batches,
      Sender sender,
      DeliveryOwnership ownership,
      Drain drain,
      DeliveryConfig config) {
    this.periodic = periodic;
    this.park = park;
    this.integrations = integrations;
    this.holds = holds;
    this.batches = batches;
    this.sender = sender;
    this.ownership = ownership;
    this.drain = drain;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    periodic.every(config.release().checkInterval(), this::tick);
  }

  /**
   * An integration just held for a backlog has it parked: its release starts now, not at the next
   * check, so the tokens its unit left are not lost (decision 0060).
   */
  void onBacklogParked(@Observes BacklogParked event) {
    String id = event.integrationId();
    if (!drain.draining() && ownership.owns(id)) {
      startRelease(id, true);
    }
  }

  private void tick() {
    if (drain.draining()) {
      return;
    }
    park.parkedIntegrations()
        .chain(
            parked -> {
              Set<String> candidates = new HashSet<>(parked);
              candidates.addAll(holds.held());
              return ownership
                  .owned(candidates)
                  .invoke(owned -> owned.forEach(id -> startRelease(id, parked.contains(id))));
            })
        .subscribe()
        .with(
            owned -> {},
            failure -> LOGGER.warnf("release check failed: %s", LogSafe.of(failure, LogSafe.TEXT)));
  }

  /**
   * @param parkedSeen whether the tick found parked deliveries of the integration: only then may a
   *     release hold an integration that is not held (an instance that took it over from another);
   *     one that was held when the tick looked and is no longer was released meanwhile
   */
  private void startRelease(String integrationId, boolean parkedSeen) {
    if (!releasing.add(integrationId)) {
      return;
    }
    release(integrationId, parkedSeen)
        .onTermination()
        .invoke(() -> releasing.remove(integrationId))
        .subscribe()
        .with(
            ignored -> {},
            failure ->
                LOGGER.warnf(
                    "release failed integration=%s error=%s",
                    LogSafe.of(integrationId), LogSafe.of(failure, LogSafe.TEXT)));
  }

  private Uni<Void> release(String integrationId, boolean parkedSeen) {
    if (!parkedSeen && !holds.isHeld(integrationId)) {
      // Held when the tick looked, released since (by the release that was still running then):
      // holding it again would park its new deliveries for nothing, and the next tick would find
      // it held again, and so on.
      return Uni.createFrom().voidItem();
    }
    return integrations.refresh(integrationId).chain(found -> releaseIfReady(integrationId, found));
  }

  private Uni<Void> releaseIfReady(String integrationId, Optional<Integration> found) {
    if (found.isEmpty()) {
      LOGGER.warnf(
          "parked deliveries for a deleted integration=%s stay parked", LogSafe.of(integrationId));
      return Uni.createFrom().voidItem();
    }
    Integration integration = found.get();
    if (integration.isRetired()) {
      // Its park goes the release path, where each delivery is dead-lettered without a call.
      holds.retire(integrationId, integration.retiredAt());
      return drainPark(integration);
    }
    if (integration.status() == IntegrationStatus.PAUSED) {
      holds.hold(integrationId, HoldReason.PAUSED);
      return Uni.createFrom().voidItem();
    }
    if (integration.status() == IntegrationStatus.AUTH_FAILED) {
      holds.hold(integrationId, HoldReason.AUTH_FAILED);
      return Uni.createFrom().voidItem();
    }
    if (integration.status() == IntegrationStatus.KEY_UNCHECKED) {
      holds.hold(integrationId, HoldReason.KEY_UNCHECKED);
      return Uni.createFrom().voidItem();
    }
    HoldReason reason = holds.heldFor(integrationId).orElse(HoldReason.BACKLOG);
    if (!holds.isHeld(integrationId)) {
      holds.hold(integrationId, HoldReason.BACKLOG);
    }
    if (reason == HoldReason.BACKLOG || reason == HoldReason.PAUSED) {
      holds.startRelease(integrationId);
      return drainPark(integration);
    }
    if (reason == HoldReason.CIRCUIT_OPEN && !holds.probeDue(integrationId)) {
      return Uni.createFrom().voidItem();
    }
    return sender
        .probe(integration)
        .chain(
            probe ->
                probe.isPresent()
                    ? afterProbe(integration, probe.get())
                    : probeWithDelivery(integration));
  }

  /**
   * The probe of a destination without a cheap key check: the first parked delivery, a real call
   * and not an extra one. It is released as a batch of one: sent, it releases the rest; failed, it
   * is parked again and the integration's hold stays (docs/decisions/0051). Its failures are the
   * destination's, not the delivery's: they do not count towards {@code release.max-attempts}
   * (which dead-letters a delivery that fails while its integration answers), or an outage longer
   * than a few probes would dead-letter the first parked delivery (docs/decisions/0054).
   */
  private Uni<Void> probeWithDelivery(Integration integration) {
    String id = integration.id();
    holds.startReleaseByDelivery(id);
    return park.nextParked(id, 1).chain(batch -> releaseBatch(integration, batch, true));
  }

  private Uni<Void> afterProbe(Integration integration, FailureClass probe) {
    String id = integration.id();
    if (probe == FailureClass.SUCCESS) {
      LOGGER.infof("integration=%s answers again: releasing its parked deliveries", LogSafe.of(id));
      holds.startRelease(id);
      return drainPark(integration);
    }
    if (probe == FailureClass.AUTH) {
      holds.hold(id, HoldReason.AUTH_FAILED);
      return integrations.markAuthFailed(integration);
    }
    holds.probeFailed(id);
    return Uni.createFrom().voidItem();
  }

  /**
   * Sends parked deliveries a batch at a time until the park is empty or the integration fails.
   * Each batch reads the integration again (from the registry's cache): one paused or retired
   * meanwhile stops sending; the next check holds it or dead-letters its park.
   */
  private Uni<Void> drainPark(Integration integration) {
    String id = integration.id();
    if (drain.draining() || holds.blocksRelease(id)) {
      return Uni.createFrom().voidItem();
    }
    return ownership
        .owned(Set.of(id))
        .chain(
            owned ->
                owned.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : integrations
                        .find(id)
                        .chain(
                            found -> {
                              Optional<Integration> now =
                                  found.filter(i -> i.isActive() || i.isRetired());
                              if (now.isEmpty()) {
                                return Uni.createFrom().voidItem();
                              }
                              if (now.get().isRetired()) {
                                holds.retire(id, now.get().retiredAt());
                              }
                              return park.nextParked(id, config.release().batchSize())
                                  .chain(batch -> releaseBatch(now.get(), batch, false));
                            }));
  }

  /**
   * @param probe whether this batch is the probe of an open circuit (one delivery): then its
   *     earlier calls are not counted against it
   */
  private Uni<Void> releaseBatch(
      Integration integration, List<ParkedDeliveries.Parked> batch, boolean probe) {
    String id = integration.id();
    if (batch.isEmpty()) {
      if (integration.isRetired()) {
        LOGGER.infof("integration=%s is retired: its park is empty", LogSafe.of(id));
        return Uni.createFrom().voidItem();
      }
      if (!holds.clearIfIdle(id)) {
        return Uni.createFrom().voidItem();
      }
      LOGGER.infof("integration=%s: park empty, deliveries flow directly again", LogSafe.of(id));
      return Uni.createFrom().voidItem();
    }
    // The next batch is started outside the tracked work, so a shutdown waits for this batch only.
    return batches
        .send(integration, batch, probe)
        .chain(
            allSent -> {
              if (!allSent) {
                return Uni.createFrom().voidItem();
              }
              holds.probeDeliveryPassed(id);
              return drainPark(integration);
            });
  }
}
