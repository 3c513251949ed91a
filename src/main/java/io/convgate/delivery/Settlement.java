package io.convgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.deadletter.DeadLetterPublisher;
import io.convgate.event.Rfc3339;
import io.convgate.ledger.DeliveryState;
import io.convgate.ledger.Ledger;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.Outcome;
import io.convgate.ledger.ParkedDeliveries;
import io.convgate.ledger.ParkedDelivery;
import io.convgate.pipeline.EventLog;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes the results of a poll or a release durable: dead letters first (acknowledged by the
 * broker), then one transaction that records every outcome, parks what is held back and removes
 * what was released from the park.
 */
@ApplicationScoped
public class Settlement {

  private static final Logger LOGGER = Logger.getLogger(Settlement.class);

  private final Ledger ledger;
  private final OutcomeFactory outcomes;
  private final DeadLetterPublisher deadLetters;
  private final Holds holds;
  private final PipelineMetrics metrics;
  private final ObjectMapper json;
  private final Event<BacklogParked> backlogParked;

  public Settlement(
      Ledger ledger,
      OutcomeFactory outcomes,
      DeadLetterPublisher deadLetters,
      Holds holds,
      PipelineMetrics metrics,
      ObjectMapper json,
      Event<BacklogParked> backlogParked) {
    this.backlogParked = backlogParked;
    this.ledger = ledger;
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.holds = holds;
    this.metrics = metrics;
    this.json = json;
  }

  Uni<Void> settle(List<Result> results, Mode mode) {
    List<Outcome> recorded = new ArrayList<>();
    List<ParkedDelivery> parked = new ArrayList<>();
    List<LedgerKey> unparked = new ArrayList<>();
    List<Uni<Void>> letters = new ArrayList<>();
    List<String> parkingDone = new ArrayList<>();
    for (Result result : results) {
      if (result.kind() == Result.Kind.UNSENT) {
        continue;
      }
      Outcome outcome = outcomes.outcome(result);
      recorded.add(outcome);
      EventLog.log(
          LOGGER,
          Logger.Level.DEBUG,
          result.command().eventId(),
          result.command().integrationId(),
          outcome.state().name().toLowerCase(Locale.ROOT),
          "delivery %s event_id=%s integration=%s attempts=%d status=%s",
          outcome.state(),
          LogSafe.of(result.command().eventId()),
          LogSafe.of(result.command().integrationId()),
          outcome.attempts(),
          outcome.httpStatus());
      metrics.delivery(
          result.command().integrationId(),
          result.command().eventType(),
          outcome.state().name().toLowerCase(Locale.ROOT));
      outcomes.deadLetter(result).ifPresent(letter -> letters.add(deadLetters.publish(letter)));
      if (result.kind() == Result.Kind.DELIVERED) {
        metrics.delivered(
            result.command().integrationId(),
            result.command().eventType(),
            Duration.between(
                Rfc3339.parse(result.command().eventTime()).toInstant(), Instant.now()));
      }
      if (result.kind() == Result.Kind.PARK) {
        if (mode == Mode.POLL) {
          parked.add(new ParkedDelivery(outcome.key(), write(result), result.holdReason().code()));
          parkingDone.add(outcome.key().integrationId());
        }
      } else if (mode == Mode.RELEASE) {
        unparked.add(outcome.key());
      }
    }
    Uni<Void> acks =
        letters.isEmpty()
            ? Uni.createFrom().voidItem()
            : Uni.join().all(letters).andFailFast().replaceWithVoid();
    return acks.chain(() -> ledger.settle(recorded, parked, unparked))
        .onTermination()
        .invoke(
            (item, failure, cancelled) -> {
              Set<String> ready = new HashSet<>();
              parkingDone.forEach(
                  id -> {
                    if (holds.parked(id)) {
                      ready.add(id);
                    }
                  });
              if (failure == null && !cancelled) {
                ready.forEach(id -> backlogParked.fire(new BacklogParked(id)));
              }
            });
  }

  private String write(Result result) {
    try {
      return json.writeValueAsString(result.command());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parked row no version of convgate can read: dead-lettered, so it blocks nothing. */
  Uni<Void> settleUnreadable(List<ParkedDeliveries.Parked> unreadable) {
    if (unreadable.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Uni<Void>> letters = new ArrayList<>();
    List<Outcome> dead = new ArrayList<>();
    for (ParkedDeliveries.Parked parked : unreadable) {
      OriginalRecord original =
          new OriginalRecord(
              "parked_deliveries",
              -1,
              -1,
              parked.key().idempotencyKey().getBytes(StandardCharsets.UTF_8),
              parked.command().getBytes(StandardCharsets.UTF_8),
              HeaderList.EMPTY);
      letters.add(deadLetters.publish(outcomes.unreadable(original)));
      dead.add(
          new Outcome(
              parked.key(),
              DeliveryState.DEAD_LETTERED,
              0,
              null,
              null,
              "unreadable parked command"));
    }
    return Uni.join()
        .all(letters)
        .andFailFast()
        .chain(
            () ->
                ledger.settle(
                    dead,
                    List.of(),
                    unreadable.stream().map(ParkedDeliveries.Parked::key).toList()));
  }
}
