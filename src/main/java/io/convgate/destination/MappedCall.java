package io.convgate.destination;

/**
 * An event mapped by its destination.
 *
 * @param idempotencyKey the ledger's key of the delivery within its integration
 * @param orderingKey deliveries with the same ordering key are sent in topic order
 * @param call the call to make
 */
public record MappedCall(String idempotencyKey, String orderingKey, OutboundCall call) {}
