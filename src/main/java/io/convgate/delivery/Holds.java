package io.convgate.delivery;

import io.convgate.integration.IntegrationRetired;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which integrations are held back, why, and whether a release is running for them. While an
 * integration is held, every new delivery of it is parked behind the older ones, so releasing them
 * in order keeps the integration's order. It also knows which integrations were retired, so a
 * delivery already on its way stops before its call (decision 0035). One monitor guards it all: the
 * calls are short.
 */
@ApplicationScoped
public class Holds {

  private static final class Hold {
    HoldReason reason;
    boolean releasing;

    /** The release's probe is a parked delivery (a destination without a key check). */
    boolean probingByDelivery;

    int parking;
    final ProbeSchedule probes;

    Hold(HoldReason reason, ProbeSchedule probes) {
      this.reason = reason;
      this.probes = probes;
    }
  }

  private final Clock clock;
  private final DeliveryConfig config;
  private final Map<String, Hold> holds = new HashMap<>();
  private final Map<String, Instant> retired = new HashMap<>();

  public Holds(Clock clock, DeliveryConfig config) {
    this.clock = clock;
    this.config = config;
  }

  /**
   * The integration was retired: no call is started for it any more, and it is no longer held (its
   * park is dead-lettered, not released). Final: an id once retired is never used again.
   */
  public synchronized void retire(String integrationId, Instant at) {
    retired.putIfAbsent(integrationId, at);
    holds.remove(integrationId);
  }

  /** Learns at once of a retirement made through this instance's admin API. */
  void onRetired(@Observes IntegrationRetired event) {
    retire(event.integrationId(), event.at());
  }

  /** When the integration was retired, if this instance knows it was. */
  public synchronized Optional<Instant> retiredAt(String integrationId) {
    return Optional.ofNullable(retired.get(integrationId));
  }

  /** Holds an integration (or changes why it is held); a running release stops sending. */
  public synchronized void hold(String integrationId, HoldReason reason) {
    Hold hold = holds.get(integrationId);
    if (hold == null) {
      holds.put(integrationId, new Hold(reason, probes()));
      return;
    }
    if (hold.reason == HoldReason.BACKLOG || reason != HoldReason.BACKLOG) {
      hold.reason = reason;
    }
    if (reason != HoldReason.BACKLOG) {
      hold.releasing = false;
      if (hold.probingByDelivery && reason == HoldReason.CIRCUIT_OPEN) {
        // the probe delivery failed: back off as a failed probe does, rather than start over
        hold.probes.failed();
      } else {
        hold.probes.reset();
      }
      hold.probingByDelivery = false;
    }
  }

  public synchronized Optional<HoldReason> heldFor(String integrationId) {
    Hold hold = holds.get(integrationId);
    return hold == null ? Optional.empty() : Optional.of(hold.reason);
  }

  /** Whether a new delivery of this integration must be parked rather than sent. */
  public synchronized boolean isHeld(String integrationId) {
    return holds.containsKey(integrationId);
  }

  /** Whether a release in progress must stop sending (the integration failed again). */
  public synchronized boolean blocksRelease(String integrationId) {
    Hold hold = holds.get(integrationId);
    return hold != null && !hold.releasing;
  }

  public synchronized Set<String> held() {
    return Set.copyOf(holds.keySet());
  }

  /** Whether the circuit of a held integration may be probed now. */
  public synchronized boolean probeDue(String integrationId) {
    Hold hold = holds.get(integrationId);
    return hold != null && hold.probes.due();
  }

  public synchronized void probeFailed(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold != null) {
      hold.probes.failed();
    }
  }

  /** The integration can take deliveries again: parked ones are released before new ones. */
  public synchronized void startRelease(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold != null) {
      hold.reason = HoldReason.BACKLOG;
      hold.releasing = true;
    }
  }

  /**
   * As {@link #startRelease}, where the first parked delivery is the probe (its destination has no
   * key check): if it fails and the circuit opens again, the probe schedule backs off as after a
   * failed probe instead of starting over.
   */
  public synchronized void startReleaseByDelivery(String integrationId) {
    startRelease(integrationId);
    Hold hold = holds.get(integrationId);
    if (hold != null) {
      hold.probingByDelivery = true;
    }
  }

  /** The probe delivery went through: a later failure opens the circuit afresh. */
  public synchronized void probeDeliveryPassed(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold != null) {
      hold.probingByDelivery = false;
    }
  }

  /**
   * If the integration is held, counts one delivery as being parked (until {@link #parked}) and
   * says why; the check and the count are one step, so a release cannot end in between.
   */
  public synchronized Optional<HoldReason> parkIfHeld(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold == null) {
      return Optional.empty();
    }
    hold.parking++;
    return Optional.of(hold.reason);
  }

  /** Holds the integration and counts one delivery as being parked. */
  public synchronized void holdAndPark(String integrationId, HoldReason reason) {
    hold(integrationId, reason);
    holds.get(integrationId).parking++;
  }

  /**
   * One delivery counted by {@link #parkIfHeld} or {@link #holdAndPark} is durably parked.
   *
   * @return whether the integration is held for a backlog, nothing more is being parked and no
   *     release is under way: its release may start
   */
  public synchronized boolean parked(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold == null) {
      return false;
    }
    if (hold.parking > 0) {
      hold.parking--;
    }
    return hold.parking == 0 && hold.reason == HoldReason.BACKLOG && !hold.releasing;
  }

  /**
   * Ends the hold once its park is empty, unless a poll is parking right now (it would otherwise
   * leave a delivery parked behind newer ones sent directly).
   */
  public synchronized boolean clearIfIdle(String integrationId) {
    Hold hold = holds.get(integrationId);
    if (hold == null) {
      return true;
    }
    if (hold.parking > 0 || !hold.releasing) {
      return false;
    }
    holds.remove(integrationId);
    return true;
  }

  private ProbeSchedule probes() {
    return new ProbeSchedule(clock, config.probe().initialInterval(), config.probe().maxInterval());
  }
}
