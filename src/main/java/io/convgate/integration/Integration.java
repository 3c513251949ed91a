package io.convgate.integration;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An integration as the pipeline sees it. The key is a secret: {@link #toString()} never shows it.
 *
 * @param id the id producers put in the {@code integration} attribute of their events
 * @param name a human name
 * @param destination the kind of destination it sends to ({@code hyros}, ...): its plug-in in
 *     {@link io.convgate.destination.Destinations}
 * @param apiKey the secret the destination takes (Hyros: the {@code API-Key}); null when none
 * @param settings the destination's non-secret settings for it, never null (Hyros has none)
 * @param status whether convgate sends for it
 * @param requestsPerSecond an override of the per-second limit, if any
 * @param requestsPerMinute an override of the per-minute limit, if any
 * @param retiredAt when it was retired, for a {@link IntegrationStatus#RETIRED} one; null otherwise
 */
public record Integration(
    String id,
    String name,
    String destination,
    String apiKey,
    Map<String, String> settings,
    IntegrationStatus status,
    OptionalInt requestsPerSecond,
    OptionalInt requestsPerMinute,
    Instant retiredAt) {

  public Integration {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  static Integration of(IntegrationEntity row, String apiKey) {
    return new Integration(
        row.id,
        row.name,
        row.destination,
        apiKey,
        IntegrationSettings.read(row.settings),
        row.status,
        row.requestsPerSecond == null ? OptionalInt.empty() : OptionalInt.of(row.requestsPerSecond),
        row.requestsPerMinute == null ? OptionalInt.empty() : OptionalInt.of(row.requestsPerMinute),
        row.retiredAt);
  }

  /** This integration as it is once retired (at {@code at}): no key, nothing to send. */
  public Integration retired(Instant at) {
    return new Integration(
        id,
        name,
        destination,
        null,
        settings,
        IntegrationStatus.RETIRED,
        requestsPerSecond,
        requestsPerMinute,
        at);
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
    return "Integration[id="
        + id
        + ", name="
        + name
        + ", destination="
        + destination
        + ", status="
        + status
        + ", key=<hidden>]";
  }
}
