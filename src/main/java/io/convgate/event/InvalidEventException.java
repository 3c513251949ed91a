package io.convgate.event;

import java.util.List;
import java.util.stream.Collectors;

/** An inbound event that cannot be accepted, with every field-level reason found. */
public class InvalidEventException extends Exception {

  private final RejectionReason reason;
  private final List<FieldError> errors;
  private EventIdentity identity = EventIdentity.UNKNOWN;

  public InvalidEventException(RejectionReason reason, List<FieldError> errors) {
    super(
        reason.code()
            + ": "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  public InvalidEventException(RejectionReason reason, String field, String message) {
    this(reason, List.of(new FieldError(field, message)));
  }

  public RejectionReason reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** What could be read of the event's identity before it was refused. */
  public EventIdentity identity() {
    return identity;
  }

  InvalidEventException withIdentity(EventIdentity identity) {
    this.identity = identity;
    return this;
  }
}
