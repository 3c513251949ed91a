package io.convgate.pipeline;

import io.convgate.hyros.HyrosCall;

/**
 * One mapped event on the internal topic {@code convgate.deliveries}, keyed by integration id: the
 * contract between the ingest stage and the delivery stage.
 *
 * @param integrationId the integration whose key sends it
 * @param idempotencyKey the ledger key within the integration
 * @param orderingKey commands with the same ordering key are sent in topic order
 * @param eventId the producer's event id
 * @param eventType the event type's wire name
 * @param eventTime the business time of the event, as the producer wrote it
 * @param call the Hyros call to make
 * @param original the record the event came from
 */
public record DeliveryCommand(
    String integrationId,
    String idempotencyKey,
    String orderingKey,
    String eventId,
    String eventType,
    String eventTime,
    HyrosCall call,
    OriginalRecord original) {}
