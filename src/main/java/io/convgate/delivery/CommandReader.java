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
      DeliveryCommand command = json.readValue(text, DeliveryCommand.class);
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
    } catch (Exception e) {
      return null;
    }
  }
}
