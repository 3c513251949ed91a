package io.convgate.delivery;

import io.convgate.destination.FailureClass;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.Drain;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Sends the commands of one integration: in lanes by ordering key (in order within a lane,
 * concurrently across lanes), each through the {@link Sender}. Before each send it checks whether
 * the integration is held; a failure that means Hyros cannot take the integration's deliveries now
 * (auth, or retryable after the retry budget) holds it, and what is left is parked. A delivery of a
 * retired integration is dead-lettered without a call, even one already waiting for its token.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOGGER = Logger.getLogger(Dispatcher.class);

  private final Sender sender;
  private final Holds holds;
  private final Drain drain;
  private final IntegrationRegistry integrations;
  private final DeliveryConfig config;
  private final PipelineMetrics metrics;
  private final Staleness staleness;
  private final Clock clock;

  public Dispatcher(
      Sender sender,
      Holds holds,
      Drain drain,
      IntegrationRegistry integrations,
      DeliveryConfig config,
      PipelineMetrics metrics,
      Staleness staleness,
      Clock clock) {
    this.clock = clock;
    this.metrics = metrics;
    this.staleness = staleness;
    this.sender = sender;
    this.holds = holds;
    this.drain = drain;
    this.integrations = integrations;
    this.config = config;
  }

  /**
   * @param priorAttempts calls already made for each command (release mode), by idempotency key
   */
  Uni<List<Result>> dispatch(
      Integration integration,
      List<DeliveryCommand> commands,
      Mode mode,
      Map<String, Integer> priorAttempts) {
    return dispatch(integration, commands, mode, priorAttempts, result -> {});
  }

  /** As above, handing each result to {@code sink} as soon as it is known. */
  Uni<List<Result>> dispatch(
      Integration integration,
      List<DeliveryCommand> commands,
      Mode mode,
      Map<String, Integer> priorAttempts,
      Consumer<Result> sink) {
    return dispatch(integration, commands, mode, priorAttempts, sink, command -> false);
  }

  /**
   * As above; in {@link Mode#POLL}, a command for which {@code withdrawn} holds before its first
   * call is made (its partition was revoked) is not sent: {@link Result.Kind#UNSENT}. In {@link
   * Mode#POLL}, with {@code convgate.delivery.park-after-token-wait} set, the commands wait for
   * their tokens until that long from now: a command that has no token then, and every later one of
   * its integration, is parked ({@link HoldReason#BACKLOG}) for the release to send at the
   * integration's pace.
   */
  Uni<List<Result>> dispatch(
      Integration integration,
      List<DeliveryCommand> commands,
      Mode mode,
      Map<String, Integer> priorAttempts,
      Consumer<Result> sink,
      Predicate<DeliveryCommand> withdrawn) {
    Instant parkAfter =
        mode == Mode.POLL
            ? config.parkAfterTokenWait().map(clock.instant()::plus).orElse(Instant.MAX)
            : Instant.MAX;
    Sending sending = new Sending(integration, mode, priorAttempts, sink, withdrawn, parkAfter);
    Map<String, List<DeliveryCommand>> lanes = new LinkedHashMap<>();
    commands.forEach(c -> lanes.computeIfAbsent(c.orderingKey(), k -> new ArrayList<>()).add(c));
    return Multi.createFrom()
        .iterable(lanes.values())
        .onItem()
        .transformToUni(lane -> lane(lane, sending))
        .merge(config.laneConcurrency())
        .collect()
        .asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  /** What the commands of one dispatch share. */
  private record Sending(
      Integration integration,
      Mode mode,
      Map<String, Integer> priorAttempts,
      Consumer<Result> sink,
      Predicate<DeliveryCommand> withdrawn,
      Instant parkAfter) {}

  private Uni<List<Result>> lane(List<DeliveryCommand> lane, Sending sending) {
    List<Result> results = new ArrayList<>(lane.size());
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DeliveryCommand command : lane) {
      chain =
          chain.chain(
              () ->
                  one(command, sending)
                      .invoke(
                          result -> {
                            results.add(result);
                            sending.sink().accept(result);
                          })
                      .replaceWithVoid());
    }
    return chain.replaceWith(results);
  }

  private Uni<Result> one(DeliveryCommand command, Sending sending) {
    Integration integration = sending.integration();
    Mode mode = sending.mode();
    String id = integration.id();
    Optional<Instant> retiredAt = holds.retiredAt(id);
    if (retiredAt.isPresent()) {
      return Uni.createFrom().item(retired(command, integration, retiredAt.get()));
    }
    if (drain.draining() || sending.withdrawn().test(command)) {
      return Uni.createFrom()
          .item(
              mode == Mode.POLL
                  ? new Result(command, Result.Kind.UNSENT, null, integration, null)
                  : Result.park(command, null, integration, HoldReason.BACKLOG));
    }
    if (mode == Mode.POLL) {
      Optional<HoldReason> held = holds.parkIfHeld(id);
      if (held.isPresent()) {
        return Uni.createFrom().item(Result.park(command, null, integration, held.get()));
      }
      if (overdue(sending)) {
        return Uni.createFrom().item(parkBehindPace(command, integration));
      }
    } else if (holds.blocksRelease(id)) {
      return Uni.createFrom()
          .item(
              Result.park(
                  command, null, integration, holds.heldFor(id).orElse(HoldReason.BACKLOG)));
    }
    // A change older than one already delivered for its thing is not sent (decision 0043).
    return staleness
        .isStale(command)
        .chain(
            stale ->
                stale
                    ? Uni.createFrom()
                        .item(new Result(command, Result.Kind.STALE, null, integration, null))
                    : send(command, sending));
  }

  private Uni<Result> send(DeliveryCommand command, Sending sending) {
    Integration integration = sending.integration();
    String id = integration.id();
    // A delivery waiting for its token when its integration is retired is not sent; one read from
    // the topic that waits past the unit's deadline is parked.
    return sender
        .send(
            command,
            integration,
            () ->
                sending.withdrawn().test(command)
                    || holds.retiredAt(id).isPresent()
                    || overdue(sending))
        .chain(
            attempted -> {
              if (attempted != null) {
                return classify(
                    command, integration, sending.mode(), attempted, sending.priorAttempts());
              }
              Optional<Instant> retiredNow = holds.retiredAt(id);
              if (retiredNow.isPresent()) {
                return Uni.createFrom().item(retired(command, integration, retiredNow.get()));
              }
              if (sending.mode() == Mode.RELEASE) {
                // Withdrawn from a release (its integration's partition was taken away): parked
                // again, for the new owner to release.
                return Uni.createFrom()
                    .item(Result.park(command, null, integration, HoldReason.BACKLOG));
              }
              if (!sending.withdrawn().test(command) && overdue(sending)) {
                return Uni.createFrom().item(parkBehindPace(command, integration));
              }
              return Uni.createFrom()
                  .item(new Result(command, Result.Kind.UNSENT, null, integration, null));
            });
  }

  private boolean overdue(Sending sending) {
    return clock.instant().isAfter(sending.parkAfter());
  }

  /**
   * The integration has more deliveries in this unit than its limits let through in time: this one
   * and the rest wait in the park, behind which its new deliveries queue, for the release.
   */
  private Result parkBehindPace(DeliveryCommand command, Integration integration) {
    if (!holds.isHeld(integration.id())) {
      LOGGER.infof(
          "integration=%s has more deliveries than its limits let through now: parking the rest"
              + " for the release to send at its pace",
          LogSafe.of(integration.id()));
    }
    holds.holdAndPark(integration.id(), HoldReason.BACKLOG);
    metrics.parkedBehindPace();
    return Result.park(command, null, integration, HoldReason.BACKLOG);
  }

  /** Dead-lettered unsent: its integration was retired (at {@code at}). */
  static Result retired(DeliveryCommand command, Integration integration, Instant at) {
    return new Result(command, Result.Kind.DEAD_LETTER, null, integration.retired(at), null);
  }

  private Uni<Result> classify(
      DeliveryCommand command,
      Integration integration,
      Mode mode,
      Attempted attempted,
      Map<String, Integer> priorAttempts) {
    FailureClass failure = attempted.finalClass();
    String id = integration.id();
    switch (failure) {
      case SUCCESS:
        return staleness.delivered(
            new Result(command, Result.Kind.DELIVERED, attempted, integration, null));
      case PERMANENT:
        return Uni.createFrom()
            .item(new Result(command, Result.Kind.DEAD_LETTER, attempted, integration, null));
      case AUTH:
        LOGGER.errorf(
            "the destination refused the key integration=%s status=%d: holding its deliveries until the key is replaced",
            LogSafe.of(id), attempted.last().status());
        metrics.authFailure(id);
        holdForPark(id, HoldReason.AUTH_FAILED, mode);
        return integrations
            .markAuthFailed(integration)
            .replaceWith(Result.park(command, attempted, integration, HoldReason.AUTH_FAILED));
      default:
        int total = priorAttempts.getOrDefault(command.idempotencyKey(), 0) + attempted.attempts();
        if (mode == Mode.RELEASE && total >= config.release().maxAttempts()) {
          return Uni.createFrom()
              .item(new Result(command, Result.Kind.DEAD_LETTER, attempted, integration, null));
        }
        LOGGER.warnf(
            "circuit open integration=%s status=%d: parking its deliveries and probing",
            LogSafe.of(id), attempted.last().status());
        holdForPark(id, HoldReason.CIRCUIT_OPEN, mode);
        return Uni.createFrom()
            .item(Result.park(command, attempted, integration, HoldReason.CIRCUIT_OPEN));
    }
  }

  private void holdForPark(String id, HoldReason reason, Mode mode) {
    if (mode == Mode.POLL) {
      holds.holdAndPark(id, reason);
    } else {
      holds.hold(id, reason);
    }
  }
}
