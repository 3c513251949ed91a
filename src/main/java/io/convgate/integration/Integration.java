package io.convgate.integration;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * An integration as the pipeline sees it. The key is a secret: {@link #toString()} never shows it.
 *
 * @param id the id producers put in the {@code integration} attribute of their events
 * @param name a human name
 * @param hyrosApiKey the Hyros {@code API-Key}
 * @param status whether convgate sends for it
 * @param requestsPerSecond an override of the per-second limit, if any
 * @param requestsPerMinute an override of the per-minute limit, if any
 * @param retiredAt when it was retired, for a {@link IntegrationStatus#RETIRED} one; null otherwise
 */
public record Integration(
    String id,
    String name,
    String hyrosApiKey,
    IntegrationStatus status,
    OptionalInt requestsPerSecond,
    OptionalInt requestsPerMinute,
    Instant retiredAt) {

  static Integration of(IntegrationEntity row, String hyrosApiKey) {
    return new Integration(
        row.id,
        row.name,
        hyrosApiKey,
        row.status,
        row.requestsPerSecond == null ? OptionalInt.empty() : OptionalInt.of(row.requestsPerSecond),
        row.requestsPerMinute == null ? OptionalInt.empty() : OptionalInt.of(row.requestsPerMinute),
        row.retiredAt);
  }

  /** This integration as it is once retired (at {@code at}): no key, nothing to send. */
  public Integration retired(Instant at) {
    return new Integration(
        id, name, null, IntegrationStatus.RETIRED, requestsPerSecond, requestsPerMinute, at);
  }

  public boolean isRetired() {
    return status == IntegrationStatus.RETIRED;
  }

  /**
   * Why events naming a retired integration are not delivered, as a producer or operator reads it.
   */
  public String retiredReason() {
    return "integration '"
        + id
        + "' was retired on "
        + retiredAt
        + "; convgate sends nothing for it any more";
  }

  public boolean isActive() {
    return status == IntegrationStatus.ACTIVE;
  }

  @Override
  public String toString() {
    return "Integration[id=" + id + ", name=" + name + ", status=" + status + ", key=<hidden>]";
  }
}
