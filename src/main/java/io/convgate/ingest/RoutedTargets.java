package io.convgate.ingest;

import io.convgate.event.ConversionEvent;
import io.convgate.event.InvalidEventException;
import io.convgate.event.RejectionReason;
import io.convgate.integration.Integration;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.route.RouteMetrics;
import io.convgate.support.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * The delivery commands of an event's routed targets (docs/decisions/0053): one per integration a
 * route sends it to. A target that does not exist, is retired, or whose destination does not take
 * the event's type is skipped, counted by reason and logged: the route sent it somewhere it cannot
 * go, nothing is lost. A target whose destination takes the type but cannot read this event's data
 * (e.g. a lead without an email for Hyperaktiv) gets a dead letter of its own, naming it, so the
 * event is not lost for it. Neither stops the other targets.
 */
@ApplicationScoped
class RoutedTargets {

  private static final Logger LOGGER = Logger.getLogger(RoutedTargets.class);

  private final CommandFactory commands;
  private final RouteMetrics metrics;

  RoutedTargets(CommandFactory commands, RouteMetrics metrics) {
    this.commands = commands;
    this.metrics = metrics;
  }

  /** Per target, what became of it. */
  record Outcome(int sent, int deadLettered, List<String> skips) {

    /** Whether the event went nowhere: no command, no dead letter. */
    boolean nowhere() {
      return sent == 0 && deadLettered == 0;
    }
  }

  /**
   * Adds a command per target that takes the event to {@code out}, in the targets' order.
   *
   * @param resolved each target's integration, looked up with the unit's
   * @param deadLetter called with a target and why its destination cannot read the event
   */
  Outcome add(
      ConversionEvent event,
      List<String> targets,
      Map<String, Optional<Integration>> resolved,
      OriginalRecord original,
      List<DeliveryCommand> out,
      BiConsumer<String, InvalidEventException> deadLetter) {
    List<String> skips = List.of();
    int sent = 0;
    int deadLettered = 0;
    for (String target : targets) {
      InvalidEventException reason = addOne(event, target, resolved, original, out);
      if (reason == null) {
        metrics.deliveredTo();
        sent++;
        continue;
      }
      if (!skipped(reason.reason())) {
        metrics.deadLettered(reason.reason().code());
        deadLetter.accept(target, reason);
        deadLettered++;
        continue;
      }
      String code = reason.reason().code();
      metrics.skipped(code);
      LOGGER.debugf(
          "routed target skipped: event=%s integration=%s reason=%s",
          LogSafe.of(event.id()), LogSafe.of(target), LogSafe.of(code));
      if (skips.isEmpty()) {
        skips = new ArrayList<>();
      }
      skips.add(target + ": " + code);
    }
    return new Outcome(sent, deadLettered, skips);
  }

  /** Reasons a route's target is passed over rather than dead-lettered for. */
  private static boolean skipped(RejectionReason reason) {
    return reason == RejectionReason.TYPE_NOT_TAKEN
        || reason == RejectionReason.UNKNOWN_INTEGRATION
        || reason == RejectionReason.INTEGRATION_RETIRED;
  }

  /**
   * @return null when a command was added, else why not
   */
  private InvalidEventException addOne(
      ConversionEvent event,
      String target,
      Map<String, Optional<Integration>> resolved,
      OriginalRecord original,
      List<DeliveryCommand> out) {
    Optional<InvalidEventException> refusal =
        IntegrationCheck.refusal(target, resolved.getOrDefault(target, Optional.empty()));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      out.add(commands.create(event, resolved.get(target).get(), original));
      return null;
    } catch (InvalidEventException e) {
      return e;
    }
  }
}
