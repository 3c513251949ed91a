package io.convgate.event;

import io.convgate.support.LogSafe;

/**
 * One reason an event was rejected, tied to the field that caused it. Both texts may quote what the
 * producer sent (a value, a property name), so both are made {@link LogSafe}: they end up in log
 * lines, dead-letter headers and API errors.
 *
 * @param field a JSON pointer into the CloudEvents envelope, e.g. {@code /data/items/0/unitPrice}
 * @param message what is wrong and what is expected, in words a producer can act on
 */
public record FieldError(String field, String message) {

  public FieldError {
    field = LogSafe.of(field, LogSafe.TEXT);
    message = LogSafe.of(message, LogSafe.TEXT);
  }

  /** {@code field: message}; the message alone for the whole record (the empty pointer). */
  @Override
  public String toString() {
    return field == null || field.isEmpty() ? message : field + ": " + message;
  }
}
