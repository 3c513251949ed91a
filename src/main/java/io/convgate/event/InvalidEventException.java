package io.convgate.event;

import java.util.List;
import java.util.stream.Collectors;

/** An inbound event that cannot be accepted, with every field-level reason found. */
public class InvalidEventException extends Exception {

  private final RejectionReason reason;
  private final List<FieldError> errors;
  private EventIdentity identity = EventIdentity.UNKNOWN;

  public InvalidEventException(RejectionReason reason, List<FieldError> errors) {
    super(reason.code() + ": " + detail(errors));
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

  /**
   * What is wrong, without the reason code (a dead letter carries that in its own field): the field
   * errors, {@code "; "} between them.
   */
  public String detail() {
    return detail(errors);
  }

  private static String detail(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
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
