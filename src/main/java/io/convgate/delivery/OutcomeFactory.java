package io.convgate.delivery;

import io.convgate.deadletter.DeadLetter;
import io.convgate.hyros.FailureClass;
import io.convgate.hyros.HyrosResult;
import io.convgate.integration.Integration;
import io.convgate.ledger.DeliveryState;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.Outcome;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Turns how a send ended into the ledger outcome and, when it failed for good, a dead letter. */
@ApplicationScoped
public class OutcomeFactory {

  static final String STAGE = "delivery";
  private static final int MAX_ERROR_LENGTH = 1000;

  Outcome outcome(DeliveryCommand command, Attempted attempted, Integration integration) {
    LedgerKey key = new LedgerKey(command.integrationId(), command.idempotencyKey());
    if (attempted == null) {
      return new Outcome(
          key, DeliveryState.DEAD_LETTERED, 0, null, null, notSentReason(integration));
    }
    HyrosResult last = attempted.last();
    Integer status = last.status() == 0 ? null : last.status();
    if (attempted.finalClass() == FailureClass.SUCCESS) {
      return new Outcome(
          key, DeliveryState.DELIVERED, attempted.attempts(), status, last.requestId(), null);
    }
    String error = String.join("; ", last.messages());
    if (error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH);
    }
    return new Outcome(key, DeliveryState.DEAD_LETTERED, attempted.attempts(), status, null, error);
  }

  Optional<DeadLetter> deadLetter(
      DeliveryCommand command, Attempted attempted, Integration integration) {
    if (attempted == null) {
      String code = integration == null ? "unknown-integration" : "integration-not-active";
      return Optional.of(
          letter(command, code, notSentReason(integration), null, null, List.of(), 0, null));
    }
    if (attempted.finalClass() == FailureClass.SUCCESS) {
      return Optional.empty();
    }
    HyrosResult last = attempted.last();
    String code =
        switch (attempted.finalClass()) {
          case AUTH -> "hyros-auth-failed";
          case RETRYABLE -> "retries-exhausted";
          default -> "hyros-rejected";
        };
    String reason =
        switch (attempted.finalClass()) {
          case AUTH -> "Hyros refused the integration's API key (HTTP " + last.status() + ")";
          case RETRYABLE ->
              "still failing after "
                  + attempted.attempts()
                  + " attempts; last: "
                  + (last.status() == 0 ? "no response" : "HTTP " + last.status());
          default -> "Hyros rejected the request (HTTP " + last.status() + ")";
        };
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

  private static String notSentReason(Integration integration) {
    return integration == null
        ? "the integration no longer exists"
        : "the integration is " + integration.status() + "; nothing was sent";
  }
}
