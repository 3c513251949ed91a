package io.convgate.ingest;

import io.convgate.event.ConversionEvent;
import io.convgate.event.EventDecoder;
import io.convgate.event.InvalidEventException;
import io.convgate.event.RejectionReason;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides, outside the Kafka stage, whether the ingest stage would accept a record: the HTTP
 * ingestion endpoint checks events with it before publishing them, and replays check dead letters
 * with it before sending them again. Same decoder, same rules, same mapping as the stage.
 */
@ApplicationScoped
public class EventAdmission {

  private final EventDecoder decoder;
  private final CommandFactory commands;
  private final IntegrationRegistry integrations;

  public EventAdmission(
      EventDecoder decoder, CommandFactory commands, IntegrationRegistry integrations) {
    this.decoder = decoder;
    this.commands = commands;
    this.integrations = integrations;
  }

  /** What the ingest stage would do with a record. */
  public sealed interface Verdict {}

  /** It would be published for delivery as this command. */
  public record Accepted(ConversionEvent event, DeliveryCommand command) implements Verdict {}

  /** It would be dead-lettered for this reason. */
  public record Rejected(InvalidEventException error) implements Verdict {}

  public Uni<Verdict> admit(OriginalRecord record) {
    ConversionEvent event;
    DeliveryCommand command;
    try {
      event = decoder.decode(record.value(), textHeaders(record.headers()));
      command = commands.create(event, record);
    } catch (InvalidEventException e) {
      return Uni.createFrom().item(new Rejected(e));
    }
    return integrations
        .find(event.integration())
        .map(
            found ->
                found.isPresent()
                    ? new Accepted(event, command)
                    : new Rejected(
                        new InvalidEventException(
                            RejectionReason.UNKNOWN_INTEGRATION,
                            "/integration",
                            "no integration with id '"
                                + LogSafe.of(event.integration())
                                + "' exists in convgate")));
  }

  /** The ledger key of a record that decodes, whether or not its integration exists. */
  public DeliveryCommand commandOf(OriginalRecord record) throws InvalidEventException {
    ConversionEvent event = decoder.decode(record.value(), textHeaders(record.headers()));
    return commands.create(event, record);
  }

  private static Map<String, String> textHeaders(Map<String, byte[]> headers) {
    Map<String, String> text = new HashMap<>();
    headers.forEach(
        (name, value) -> {
          if (value != null) {
            text.put(name, new String(value, StandardCharsets.UTF_8));
          }
        });
    return text;
  }
}
