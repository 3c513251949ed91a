package io.convgate.integration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up integrations by id, reading the database at most once per id per cache period, so the
 * per-event path costs no database round trip.
 */
@ApplicationScoped
public class IntegrationRegistry {

  private record Cached(Optional<Integration> integration, Instant readAt) {}

  private final IntegrationConfig config;
  private final Clock clock;
  private final SafeContext safe;
  private final IntegrationKeys keys;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public IntegrationRegistry(
      IntegrationConfig config, Clock clock, SafeContext safe, IntegrationKeys keys) {
    this.config = config;
    this.clock = clock;
    this.safe = safe;
    this.keys = keys;
  }

  /**
   * The integration as cached, when its copy is still fresh; empty when {@link #find} must read it.
   * Lets a caller answer most look-ups of a poll without a {@code Uni} each.
   */
  public Optional<Optional<Integration>> cached(String id) {
    Cached cached = cache.get(id);
    if (cached != null && cached.readAt().plus(config.cacheTtl()).isAfter(clock.instant())) {
      return Optional.of(cached.integration());
    }
    return Optional.empty();
  }

  public Uni<Optional<Integration>> find(String id) {
    Optional<Optional<Integration>> fresh = cached(id);
    if (fresh.isPresent()) {
      return Uni.createFrom().item(fresh.get());
    }
    Instant now = clock.instant();
    return safe.run(
            () -> Panache.withSession(() -> IntegrationEntity.<IntegrationEntity>findById(id)))
        .map(row -> Optional.ofNullable(row).map(this::toIntegration))
        .invoke(
            found -> {
              // Only integrations that exist are cached: ids producers make up must not grow it.
              if (found.isPresent()) {
                cache.put(id, new Cached(found, now));
              } else {
                cache.remove(id);
              }
            });
  }

  /**
   * A key that cannot be opened (damaged, or its master key is gone) makes the integration look
   * refused by Hyros: its deliveries are parked, not lost, until an operator replaces the key.
   */
  private Integration toIntegration(IntegrationEntity row) {
    Optional<String> key = keys.open(row);
    Integration integration = Integration.of(row, key.orElse(null));
    if (key.isEmpty() && integration.status() == IntegrationStatus.ACTIVE) {
      return new Integration(
          integration.id(),
          integration.name(),
          null,
          IntegrationStatus.AUTH_FAILED,
          integration.requestsPerSecond(),
          integration.requestsPerMinute(),
          null);
    }
    return integration;
  }

  /** Reads an integration from the database now, bypassing the cache. */
  public Uni<Optional<Integration>> refresh(String id) {
    forget(id);
    return find(id);
  }

  /**
   * Records that Hyros refused the integration's key. It stays so until an operator replaces the
   * key and sets it back to ACTIVE.
   */
  public Uni<Void> markAuthFailed(String id) {
    forget(id);
    return safe.run(
            () ->
                Panache.withTransaction(
                    () ->
                        IntegrationEntity.update(
                            "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4",
                            IntegrationStatus.AUTH_FAILED,
                            clock.instant(),
                            id,
                            IntegrationStatus.ACTIVE)))
        .replaceWithVoid();
  }

  /** Drops what is cached for an id, so the next lookup reads the database. */
  public void forget(String id) {
    cache.remove(id);
  }
}
