package io.convgate.event;

/** Why an event was refused at ingest. The code is what operators filter dead letters by. */
public enum RejectionReason {
  /** The record value is not JSON (or not UTF-8). */
  NOT_JSON("not-json"),
  /** The CloudEvents envelope is missing attributes or carries malformed ones. */
  INVALID_ENVELOPE("invalid-envelope"),
  /** The {@code type} attribute names no event type convgate knows. */
  UNKNOWN_TYPE("unknown-type"),
  /** The {@code data} does not match the JSON Schema of its type. */
  INVALID_DATA("invalid-data"),
  /** The {@code integration} attribute names no integration convgate knows. */
  UNKNOWN_INTEGRATION("unknown-integration"),
  /** The {@code integration} attribute names an integration an operator retired. */
  INTEGRATION_RETIRED("integration-retired"),
  /**
   * The event names no integration and no route takes it, or the routes that take it lead to no
   * integration that can (docs/decisions/0053).
   */
  NO_ROUTE("no-route"),
  /**
   * The integration's destination does not take this event type (docs/decisions/0051), or its
   * destination kind has no plug-in in this build. A routed target with it is skipped and counted;
   * an integration the event names dead-letters it (docs/decisions/0053).
   */
  TYPE_NOT_TAKEN("type-not-taken");

  private final String code;

  RejectionReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
