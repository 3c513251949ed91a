package io.convgate.ingest;

import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import io.convgate.destination.MappedCall;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.RejectionReason;
import io.convgate.event.Rfc3339;
import io.convgate.integration.Integration;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/**
 * Turns a valid event into the command the delivery stage executes, through the plug-in of its
 * integration's destination (docs/design.md, "Destinations").
 */
@ApplicationScoped
public class CommandFactory {

  private final Destinations destinations;

  public CommandFactory(Destinations destinations) {
    this.destinations = destinations;
  }

  /**
   * The command that delivers the event to one integration: the one it names, or one a route sends
   * it to (docs/decisions/0053). The idempotency key does not depend on the integration; the ledger
   * key is the pair.
   *
   * @param integration the integration, resolved (it exists, it is not retired)
   * @throws InvalidEventException when the destination cannot take the event: a type it does not
   *     take ({@code type-not-taken} at {@code /type}), or data it cannot read
   */
  public DeliveryCommand create(
      ConversionEvent event, Integration integration, OriginalRecord original)
      throws InvalidEventException {
    return create(event, integration.id(), destinationOf(integration), original);
  }

  /**
   * As {@link #create(ConversionEvent, Integration, OriginalRecord)} for a destination kind, when
   * no integration is at hand (the ledger key of a dead letter whose integration is gone).
   *
   * @throws IllegalArgumentException when no plug-in of that kind is registered
   */
  public DeliveryCommand createForKind(ConversionEvent event, String kind, OriginalRecord original)
      throws InvalidEventException {
    return create(event, event.integration(), destinations.of(kind), original);
  }

  private DeliveryCommand create(
      ConversionEvent event, String integrationId, Destination destination, OriginalRecord original)
      throws InvalidEventException {
    if (!destination.accepts(event.type())) {
      throw new InvalidEventException(
          RejectionReason.TYPE_NOT_TAKEN,
          "/type",
          "integration '"
              + integrationId
              + "' sends to "
              + destination.displayName()
              + ", which takes "
              + destination.takes().stream()
                  .sorted()
                  .map(EventType::wireName)
                  .collect(Collectors.joining(", ")));
    }
    MappedCall mapped = destination.map(event);
    return new DeliveryCommand(
        integrationId,
        destination.kind(),
        mapped.idempotencyKey(),
        mapped.orderingKey(),
        event.id(),
        event.type().wireName(),
        Rfc3339.format(event.time()),
        mapped.call(),
        original);
  }

  private Destination destinationOf(Integration integration) throws InvalidEventException {
    return destinations
        .find(integration.destination())
        .orElseThrow(
            () ->
                new InvalidEventException(
                    RejectionReason.TYPE_NOT_TAKEN,
                    "/integration",
                    "integration '"
                        + integration.id()
                        + "' sends to '"
                        + integration.destination()
                        + "', a destination this convgate does not know; it knows "
                        + String.join(", ", destinations.kinds())));
  }
}
