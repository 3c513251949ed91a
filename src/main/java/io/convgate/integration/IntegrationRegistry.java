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
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public IntegrationRegistry(IntegrationConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public Uni<Optional<Integration>> find(String id) {
    Cached cached = cache.get(id);
    Instant now = clock.instant();
    if (cached != null && cached.readAt().plus(config.cacheTtl()).isAfter(now)) {
      return Uni.createFrom().item(cached.integration());
    }
    return Panache.withSession(() -> IntegrationEntity.<IntegrationEntity>findById(id))
        .map(row -> Optional.ofNullable(row).map(Integration::of))
        .invoke(found -> cache.put(id, new Cached(found, now)));
  }

  /** Drops what is cached for an id, so the next lookup reads the database. */
  public void forget(String id) {
    cache.remove(id);
  }
}
