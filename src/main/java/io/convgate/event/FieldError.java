package io.convgate.event;

/**
 * One reason an event was rejected, tied to the field that caused it.
 *
 * @param field a JSON pointer into the CloudEvents envelope, e.g. {@code /data/items/0/unitPrice}
 * @param message what is wrong and what is expected, in words a producer can act on
 */
public record FieldError(String field, String message) {

  /** {@code field: message}; the message alone for the whole record (the empty pointer). */
  @Override
  public String toString() {
    return field == null || field.isEmpty() ? message : field + ": " + message;
  }
}
