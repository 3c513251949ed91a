package io.convgate.delivery;

import io.convgate.event.EventType;
import io.convgate.event.Rfc3339;
import io.convgate.ledger.ChangeClocks;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Order and staleness of the changes of one thing (a call, a subscription, a cart; decision 0043).
 * Its changes share a lane (the ordering key names the thing); in the lane, just before a change is
 * sent, its business time is compared with the newest one Hyros accepted for the thing: an older
 * change is {@link Result.Kind#STALE}, not sent. The clock moves when Hyros accepts a change,
 * before the lane's next change is looked at. Other types pass through untouched.
 */
@ApplicationScoped
public class Staleness {

  private static final Logger LOGGER = Logger.getLogger(Staleness.class);

  private final ChangeClocks clocks;
  private final PipelineMetrics metrics;

  public Staleness(ChangeClocks clocks, PipelineMetrics metrics) {
    this.clocks = clocks;
    this.metrics = metrics;
  }

  /** Whether the command is a change older than the newest delivered for its thing. */
  Uni<Boolean> isStale(DeliveryCommand command) {
    if (!EventType.isChanging(command.eventType())) {
      return Uni.createFrom().item(false);
    }
    return clocks.newest(thing(command)).map(newest -> ChangeClocks.isStale(time(command), newest));
  }

  /**
   * Hyros accepted the result's command: a change moves its thing's clock. A failure to write the
   * clock does not undo the delivery; it is logged, and an older change may then still be sent.
   */
  Uni<Result> delivered(Result result) {
    DeliveryCommand command = result.command();
    if (!EventType.isChanging(command.eventType())) {
      return Uni.createFrom().item(result);
    }
    return clocks
        .delivered(thing(command), time(command), command.idempotencyKey())
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOGGER.errorf(
                  "cannot move the change clock integration=%s thing=%s: %s",
                  LogSafe.of(command.integrationId()),
                  LogSafe.of(command.orderingKey()),
                  LogSafe.of(String.valueOf(failure.getMessage())));
              return Uni.createFrom().voidItem();
            })
        .replaceWith(result);
  }

  /**
   * Counts commands whose key the ledger already finished: {@code stale} for a change older than
   * the newest delivered for its thing (a producer re-sending history, a replay), {@code skipped}
   * otherwise (an identical repeat). One lookup for all the changes among them.
   */
  Uni<Void> countRepeats(List<DeliveryCommand> repeats) {
    List<DeliveryCommand> changes =
        repeats.stream().filter(c -> EventType.isChanging(c.eventType())).toList();
    repeats.stream()
        .filter(c -> !EventType.isChanging(c.eventType()))
        .forEach(c -> metrics.delivery(c.integrationId(), c.eventType(), "skipped"));
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return clocks
        .newest(changes.stream().map(Staleness::thing).distinct().toList())
        .invoke(
            newest ->
                changes.forEach(
                    c ->
                        metrics.delivery(
                            c.integrationId(),
                            c.eventType(),
                            ChangeClocks.isStale(
                                    time(c), java.util.Optional.ofNullable(newest.get(thing(c))))
                                ? "stale"
                                : "skipped")))
        .onFailure()
        .recoverWithUni(
            failure -> {
              changes.forEach(c -> metrics.delivery(c.integrationId(), c.eventType(), "skipped"));
              return Uni.createFrom().nullItem();
            })
        .replaceWithVoid();
  }

  static ChangeClocks.Thing thing(DeliveryCommand command) {
    return new ChangeClocks.Thing(command.integrationId(), command.orderingKey());
  }

  private static Instant time(DeliveryCommand command) {
    return Rfc3339.parse(command.eventTime()).toInstant();
  }
}
