package io.convgate.ledger;

/** A delivery about to be attempted. */
public record ClaimRequest(LedgerKey key, String eventId, String eventType) {}
