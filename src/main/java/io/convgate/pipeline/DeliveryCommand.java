package io.convgate.pipeline;

import io.convgate.destination.Destinations;
import io.convgate.destination.OutboundCall;

/**
 * One mapped event on the internal topic {@code convgate.deliveries}, keyed by integration id: the
 * contract between the ingest stage and the delivery stage.
 *
 * @param integrationId the integration whose key sends it
 * @param destination the kind of destination the call is for (docs/decisions/0051); a command
 *     written before kinds existed has none and is Hyros'
 * @param idempotencyKey the ledger key within the integration
 * @param orderingKey commands with the same ordering key are sent in topic order
 * @param eventId the producer's event id
 * @param eventType the event type's wire name
 * @param eventTime the business time of the event, as the producer wrote it
 * @param call the call to make, as the destination's plug-in mapped it
 * @param original the record the event came from
 */
public record DeliveryCommand(
    String integrationId,
    String destination,
    String idempotencyKey,
    String orderingKey,
    String eventId,
    String eventType,
    String eventTime,
    OutboundCall call,
    OriginalRecord original) {

  public DeliveryCommand {
    if (destination == null) {
      destination = Destinations.LEGACY_KIND;
    }
  }
}
