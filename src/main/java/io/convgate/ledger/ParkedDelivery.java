package io.convgate.ledger;

/**
 * A delivery held back until its integration can take it.
 *
 * @param key the delivery
 * @param command the serialized delivery command
 * @param reason why it was held (e.g. {@code circuit-open}, {@code auth-failed}, {@code paused})
 */
public record ParkedDelivery(LedgerKey key, String command, String reason) {}
