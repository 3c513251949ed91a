package io.convgate.ledger;

/** The identity of one delivery: an idempotency key within an integration. */
public record LedgerKey(String integrationId, String idempotencyKey) {}
