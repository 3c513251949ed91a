package io.convgate.delivery;

import io.convgate.deadletter.DeadLetter;
import io.convgate.destination.CallResult;
import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import io.convgate.destination.FailureClass;
import io.convgate.ledger.DeliveryState;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.Outcome;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.support.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Turns a {@link Result} into its ledger outcome and, when it is given up on, a dead letter. */
@ApplicationScoped
public class OutcomeFactory {

  static final String STAGE = "delivery";

  private final Destinations destinations;

  public OutcomeFactory(Destinations destinations) {
    this.destinations = destinations;
  }

  Outcome outcome(Result result) {
    DeliveryCommand command = result.command();
    LedgerKey key = new LedgerKey(command.integrationId(), command.idempotencyKey());
    DeliveryState state =
        switch (result.kind()) {
          case DELIVERED -> DeliveryState.DELIVERED;
          case PARK -> DeliveryState.PARKED;
          case STALE -> DeliveryState.STALE;
          default -> DeliveryState.DEAD_LETTERED;
        };
    Attempted attempted = result.attempted();
    if (result.kind() == Result.Kind.STALE) {
      return new Outcome(
          key,
          state,
          0,
          null,
          null,
          "stale: a newer change of "
              + LogSafe.of(command.orderingKey())
              + " was already delivered; not sent");
    }
    if (attempted == null) {
      String error =
          result.kind() == Result.Kind.PARK
              ? "held: " + result.holdReason().code()
              : notSent(result);
      return new Outcome(key, state, 0, null, null, error);
    }
    CallResult last = attempted.last();
    Integer status = last.status() == 0 ? null : last.status();
    if (result.kind() == Result.Kind.DELIVERED) {
      return new Outcome(
          key,
          state,
          attempted.attempts(),
          status,
          last.requestId(),
          null,
          attempted.repeats().timeout(),
          attempted.repeats().connectionLost());
    }
    String error = LogSafe.of(String.join("; ", last.messages()), LogSafe.TEXT);
    return new Outcome(
        key,
        state,
        attempted.attempts(),
        status,
        null,
        error,
        attempted.repeats().timeout(),
        attempted.repeats().connectionLost());
  }

  Optional<DeadLetter> deadLetter(Result result) {
    if (result.kind() != Result.Kind.DEAD_LETTER) {
      return Optional.empty();
    }
    DeliveryCommand command = result.command();
    Attempted attempted = result.attempted();
    if (attempted == null) {
      String code =
          result.integration() != null && result.integration().isRetired()
              ? "integration-retired"
              : "unknown-integration";
      return Optional.of(letter(command, code, notSent(result), null, null, List.of(), 0, null));
    }
    CallResult last = attempted.last();
    boolean retryable = attempted.finalClass() == FailureClass.RETRYABLE;
    // "<kind>-rejected": Hyros' code is hyros-rejected as before destinations existed
    String code = retryable ? "retries-exhausted" : command.destination() + "-rejected";
    String reason =
        retryable
            ? "still failing after "
                + attempted.attempts()
                + " more attempts while its integration answers; last: "
                + (last.status() == 0 ? "no response" : "HTTP " + last.status())
            : displayName(command.destination())
                + " rejected the request (HTTP "
                + last.status()
                + ")";
    return Optional.of(
        letter(
            command,
            code,
            reason,
            last.errorClass(),
            last.status() == 0 ? null : last.status(),
            last.messages(),
            attempted.attempts(),
            attempted));
  }

  DeadLetter unreadable(OriginalRecord original) {
    return new DeadLetter(
        original,
        STAGE,
        "unreadable-command",
        "the delivery command cannot be read; was it written by another version of convgate?",
        null,
        List.of(),
        null,
        List.of(),
        0,
        null,
        null,
        null,
        null,
        null);
  }

  private static DeadLetter letter(
      DeliveryCommand command,
      String code,
      String reason,
      String causeClass,
      Integer status,
      List<String> messages,
      int attempts,
      Attempted attempted) {
    return new DeadLetter(
        command.original(),
        STAGE,
        code,
        reason,
        causeClass,
        List.of(),
        status,
        messages,
        attempts,
        attempted == null ? null : attempted.firstAttemptAt(),
        attempted == null ? null : attempted.lastAttemptAt(),
        command.integrationId(),
        command.eventId(),
        command.eventType());
  }

  private static String notSent(Result result) {
    if (result.integration() == null) {
      return "the integration '"
          + LogSafe.of(result.command().integrationId())
          + "' does not exist; nothing was sent";
    }
    return result.integration().isRetired()
        ? result.integration().retiredReason() + "; this event was not sent"
        : "not sent";
  }

  private String displayName(String kind) {
    return destinations.find(kind).map(Destination::displayName).orElse(kind);
  }
}
