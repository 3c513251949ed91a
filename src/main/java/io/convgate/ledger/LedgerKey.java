package io.convgate.ledger;

import java.util.Objects;

/**
 * The identity of one delivery: an idempotency key within an integration. A map key on the hot path
 * (claims, repeats still being recorded): equals and hashCode are written out, as a record's
 * generated ones go through method handles that the C1-only JIT leaves slow.
 */
public record LedgerKey(String integrationId, String idempotencyKey) {
  @Override
  public boolean equals(Object other) {
    return other instanceof LedgerKey that
        && Objects.equals(integrationId, that.integrationId)
        && Objects.equals(idempotencyKey, that.idempotencyKey);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(integrationId) + Objects.hashCode(idempotencyKey);
  }
}
