package io.convgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.hyros.HyrosOperation;
import io.convgate.pipeline.CommandCodec;
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
            && (command.call().operation() == HyrosOperation.REFUND_ORDER
                ? command.call().orderId() != null
                : command.call().body() != null)
            && command.original() != null;
    return complete ? command : null;
  }
}
