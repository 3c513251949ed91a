package io.convgate.integration;

import java.time.Instant;
import java.util.List;

/**
 * An integration as the admin API shows it. It has no key field: a Hyros key is never returned.
 *
 * @param account the Hyros account the key belongs to, as Hyros named it when the key was given
 * @param keyCheckedAt when Hyros last confirmed the key (at creation, replacement, connection or a
 *     re-check); null when it has not yet
 * @param keyCheckProblem why Hyros could not be asked about the key, or what it said when it
 *     refused it on a re-check; null once confirmed
 */
public record IntegrationView(
    String id,
    String name,
    IntegrationStatus status,
    Integer requestsPerSecond,
    Integer requestsPerMinute,
    Account account,
    Instant keyUpdatedAt,
    Instant keyCheckedAt,
    String keyCheckProblem,
    Instant lastDeliveryAt,
    LastError lastError,
    long parked,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The Hyros account a key belongs to; {@code roles} only when Hyros named them (connect by code).
   */
  public record Account(String email, List<String> roles) {}

  /** The most recent dead letter of the integration. */
  public record LastError(Instant at, Integer httpStatus, String message) {}
}
