package io.convgate.ingest;

import io.convgate.event.ConversionEvent;
import io.convgate.event.InvalidEventException;
import io.convgate.event.RejectionReason;
import io.convgate.integration.Integration;
import java.util.List;
import java.util.Optional;

/** Whether an event may name this integration: it must exist and not be retired. */
final class IntegrationCheck {

  private IntegrationCheck() {}

  /**
   * @param id the event's {@code integration} attribute
   * @param found the integration with that id, if any
   * @return why the event is refused, or empty when it may go on
   */
  static Optional<InvalidEventException> refusal(String id, Optional<Integration> found) {
    if (found.isEmpty()) {
      return Optional.of(
          new InvalidEventException(
              RejectionReason.UNKNOWN_INTEGRATION,
              "/integration",
              "no integration with id '" + id + "' exists in convgate"));
    }
    if (found.get().isRetired()) {
      return Optional.of(
          new InvalidEventException(
              RejectionReason.INTEGRATION_RETIRED,
              "/integration",
              "retired on "
                  + found.get().retiredAt()
                  + ": convgate no longer delivers events of integration '"
                  + id
                  + "'"));
    }
    return Optional.empty();
  }

  /** An event that names no integration and that no enabled route takes. */
  static InvalidEventException noRoute(ConversionEvent event) {
    return new InvalidEventException(
        RejectionReason.NO_ROUTE,
        "/integration",
        "no integration named and no route matches source="
            + event.source()
            + ", type="
            + event.type().wireName()
            + ": name the integration in the event, or add a route that takes it");
  }

  /**
   * An event that names no integration whose routes took it, but none of whose routed targets
   * could: every one was skipped.
   *
   * @param skips one "integration: reason" per skipped target
   */
  static InvalidEventException noTarget(List<String> skips) {
    return new InvalidEventException(
        RejectionReason.NO_ROUTE,
        "/integration",
        "no integration named and every integration the routes send it to was skipped: "
            + String.join(", ", skips));
  }
}
