package io.convgate.integration;

import java.time.Instant;
import java.util.List;

/**
 * An integration as the admin API shows it. It has no key field: a Hyros key is never returned.
 * {@code retiredAt} and {@code retiredBy} are set for a {@link IntegrationStatus#RETIRED} one.
 */
public record IntegrationView(
    String id,
    String name,
    IntegrationStatus status,
    Integer requestsPerSecond,
    Integer requestsPerMinute,
    Account account,
    Instant keyUpdatedAt,
    Instant lastDeliveryAt,
    LastError lastError,
    long parked,
    Instant createdAt,
    Instant updatedAt,
    Instant retiredAt,
    String retiredBy) {

  /** The Hyros account a connected key belongs to. */
  public record Account(String email, List<String> roles) {}

  /** The most recent dead letter of the integration. */
  public record LastError(Instant at, Integer httpStatus, String message) {}
}
