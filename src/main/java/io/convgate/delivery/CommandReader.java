package io.convgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.pipeline.DeliveryCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a delivery command (from the delivery topic or the park). A command that does not parse, or
 * lacks a field the delivery needs, is unreadable: the caller dead-letters it rather than let it
 * stop the stage or block its integration.
 */
@ApplicationScoped
public class CommandReader {

  private final ObjectMapper json;

  public CommandReader(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @return the command, or null when it is unreadable
   */
  public DeliveryCommand read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return complete(json.readValue(text, DeliveryCommand.class));
    } catch (Exception e) {
      return null;
    }
  }

  /** As {@link #read(String)}, from the UTF-8 bytes of a record (no copy into a String first). */
  public DeliveryCommand read(byte[] utf8) {
    if (utf8 == null) {
      return null;
    }
    try {
      return complete(json.readValue(utf8, DeliveryCommand.class));
    } catch (Exception e) {
      return null;
    }
  }

  private static DeliveryCommand complete(DeliveryCommand command) {
    boolean complete =
        command.integrationId() != null
            && command.idempotencyKey() != null
            && command.orderingKey() != null
            && command.eventId() != null
            && command.eventType() != null
            && command.eventTime() != null
            && command.call() != null
            && command.call().operation() != null
            && command.original() != null;
    return complete ? command : null;
  }
}
