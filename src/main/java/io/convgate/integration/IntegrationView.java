package io.convgate.integration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An integration as the admin API shows it. It has no key field: a Hyros key is never returned.
 *
 * @param destination the kind of destination it sends to ({@code hyros}, ...)
 * @param settings the destination's non-secret settings for it; empty when none
 * @param account the Hyros account the key belongs to, as Hyros named it when the key was given
 * @param keyCheckedAt when Hyros last confirmed the key (at creation, replacement, connection or a
 *     re-check); null when it has not yet
 * @param keyCheckProblem why Hyros could not be asked about the key, or what it said when it
 *     refused it on a re-check; null once confirmed
 * @param retiredAt when it was retired, for a {@link IntegrationStatus#RETIRED} one
 * @param retiredBy the gateway key that retired it
 */
public record IntegrationView(
    String id,
    String name,
    String destination,
    Map<String, String> settings,
    IntegrationStatus status,
    Integer requestsPerSecond,
    Integer requestsPerMinute,
    Account account,
    Instant keyUpdatedAt,
    Instant keyCheckedAt,
    String keyCheckProblem,
    Instant lastDeliveryAt,
    LastError lastError,
    LastRejection lastRejection,
    long parked,
    Instant createdAt,
    Instant updatedAt,
    Instant retiredAt,
    String retiredBy) {

  /**
   * The Hyros account a key belongs to; {@code roles} only when Hyros named them (connect by code).
   */
  public record Account(String email, List<String> roles) {}

  /**
   * The newest delivery the destination refused or never answered (a delivery-stage dead letter not
   * discarded).
   *
   * @param reasonCode {@code hyros-rejected} or {@code retries-exhausted}
   * @param httpStatus the destination's last HTTP status; null when it never answered
   * @param message what the destination said (its messages, or the I/O error), else convgate's
   *     reason
   */
  public record LastError(Instant at, String reasonCode, Integer httpStatus, String message) {}

  /**
   * The newest event refused before any call to the destination (an ingest-stage dead letter not
   * discarded): a producer's problem, not the destination's.
   *
   * @param reasonCode e.g. {@code invalid-data}, {@code invalid-envelope}
   * @param message what was wrong with the event
   */
  public record LastRejection(Instant at, String reasonCode, String message) {}
}
