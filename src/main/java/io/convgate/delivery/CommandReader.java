package io.convgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.Destinations;
import io.convgate.pipeline.CommandCodec;
import io.convgate.pipeline.DeliveryCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a delivery command (from the delivery topic or the park). A command that does not parse, or
 * lacks a field the delivery needs (its destination's plug-in says which), or is for a destination
 * kind no plug-in is registered for, is unreadable: the caller dead-letters it rather than let it
 * stop the stage or block its integration.
 */
@ApplicationScoped
public class CommandReader {

  private final ObjectMapper json;
  private final Destinations destinations;

  public CommandReader(ObjectMapper json, Destinations destinations) {
    this.json = json;
    this.destinations = destinations;
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

  /**
   * As {@link #read(String)}, from a record of the delivery topic: the binary form ({@link
   * CommandCodec}), or the JSON form an earlier version wrote.
   */
  public DeliveryCommand read(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      return complete(
          CommandCodec.isBinary(value)
              ? CommandCodec.decode(value)
              : json.readValue(value, DeliveryCommand.class));
    } catch (Exception e) {
      return null;
    }
  }

  private DeliveryCommand complete(DeliveryCommand command) {
    boolean complete =
        command.integrationId() != null
            && command.idempotencyKey() != null
            && command.orderingKey() != null
            && command.eventId() != null
            && command.eventType() != null
            && command.eventTime() != null
            && command.call() != null
            && command.call().operation() != null
            && command.original() != null
            && destinations
                .find(command.destination())
                .filter(destination -> destination.complete(command.call()))
                .isPresent();
    return complete ? command : null;
  }
}
