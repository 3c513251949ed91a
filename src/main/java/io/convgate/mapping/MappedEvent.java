package io.convgate.mapping;

/**
 * The result of mapping one event.
 *
 * @param request the Hyros call to make
 * @param idempotencyKey what makes two events the same delivery (the ledger key, per integration)
 * @param orderingKey events with the same ordering key are delivered in the order they were read
 */
public record MappedEvent(HyrosRequest request, String idempotencyKey, String orderingKey) {}
