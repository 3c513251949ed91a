package io.convgate.integration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up integrations by id, reading the database at most once per id per cache period, so the
 * per-event path costs no database round trip.
 */
@ApplicationScoped
public class IntegrationRegistry {

  private record Cached(Optional<Integration> integration, Instant readAt) {}

  /** Ids read by one query of {@link #findAll} (its bind parameters stay far below the limit). */
  private static final int IDS_PER_QUERY = 500;

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

  public Uni<Optional<Integration>> find(String id) {
    Instant now = clock.instant();
    Cached cached = fresh(id, now);
    if (cached != null) {
      return Uni.createFrom().item(cached.integration());
    }
    return safe.run(
            () -> Panache.withSession(() -> IntegrationEntity.<IntegrationEntity>findById(id)))
        .map(row -> Optional.ofNullable(row).map(this::toIntegration))
        .invoke(found -> remember(id, found, now));
  }

  /**
   * Looks up every id given at once: the cached ones in a plain loop, the others in one query per
   * {@value #IDS_PER_QUERY} ids, side by side. Its stack depth does not grow with the number of ids
   * (a unit names up to hundreds of integrations): look-ups made one per id, each subscribed from
   * the answer of the one before, nested once per cached answer until the stack overflowed inside
   * Mutiny, which drops that error, and the unit waited forever (docs/decisions/0042).
   *
   * @return each id given, with its integration or empty when there is none
   */
  public Uni<Map<String, Optional<Integration>>> findAll(Collection<String> ids) {
    Instant now = clock.instant();
    Map<String, Optional<Integration>> found = new HashMap<>();
    LinkedHashSet<String> missing = new LinkedHashSet<>();
    for (String id : ids) {
      Cached cached = fresh(id, now);
      if (cached != null) {
        found.put(id, cached.integration());
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Uni.createFrom().item(found);
    }
    List<String> toRead = new ArrayList<>(missing);
    List<Uni<List<IntegrationEntity>>> reads = new ArrayList<>();
    for (int from = 0; from < toRead.size(); from += IDS_PER_QUERY) {
      List<String> chunk =
          List.copyOf(toRead.subList(from, Math.min(toRead.size(), from + IDS_PER_QUERY)));
      reads.add(
          safe.run(
              () ->
                  Panache.withSession(
                      () -> IntegrationEntity.<IntegrationEntity>list("id in ?1", chunk))));
    }
    return Uni.join()
        .all(reads)
        .andFailFast()
        .map(
            lists -> {
              Map<String, IntegrationEntity> rows = new HashMap<>();
              lists.forEach(list -> list.forEach(row -> rows.put(row.id, row)));
              for (String id : toRead) {
                Optional<Integration> integration =
                    Optional.ofNullable(rows.get(id)).map(this::toIntegration);
                remember(id, integration, now);
                found.put(id, integration);
              }
              return found;
            });
  }

  /** What is cached for the id and still fresh at {@code now}, or null. */
  private Cached fresh(String id, Instant now) {
    Cached cached = cache.get(id);
    return cached != null && cached.readAt().plus(config.cacheTtl()).isAfter(now) ? cached : null;
  }

  /** Only integrations that exist are cached: ids producers make up must not grow the cache. */
  private void remember(String id, Optional<Integration> found, Instant readAt) {
    if (found.isPresent()) {
      cache.put(id, new Cached(found, readAt));
    } else {
      cache.remove(id);
    }
  }

  /**
   * A key that cannot be opened (damaged, or its master key is gone) makes the integration look
   * refused by its destination: its deliveries are parked, not lost, until an operator replaces the
   * key.
   */
  private Integration toIntegration(IntegrationEntity row) {
    Optional<String> key = keys.open(row);
    Integration integration = Integration.of(row, key.orElse(null));
    if (key.isEmpty() && integration.status() == IntegrationStatus.ACTIVE) {
      return new Integration(
          integration.id(),
          integration.name(),
          integration.destination(),
          null,
          integration.settings(),
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
   * Records that the destination refused the key this integration carried when it was refused. It
   * stays so until an operator replaces the key and sets it back to ACTIVE. A key replaced since
   * (the call or probe that was refused had read the one before: from the cache, or just before the
   * replacement) is not marked: the replacement already said whether the new key works, and marking
   * it would hold the integration's deliveries behind a key nobody refused (docs/decisions/0066).
   */
  public Uni<Void> markAuthFailed(Integration refused) {
    String id = refused.id();
    forget(id);
    return safe.run(
            () ->
                Panache.withTransaction(
                    () ->
                        IntegrationEntity.<IntegrationEntity>findById(id)
                            .chain(row -> markIfStillRefused(row, refused.apiKey()))))
        .replaceWithVoid();
  }

  /**
   * Marks the row AUTH_FAILED when it is ACTIVE and still holds the refused key; the update is
   * conditional on the key's replacement time, so a replacement between the read and the update
   * wins.
   */
  private Uni<Integer> markIfStillRefused(IntegrationEntity row, String refusedKey) {
    if (row == null
        || row.status != IntegrationStatus.ACTIVE
        || !Objects.equals(keys.open(row).orElse(null), refusedKey)) {
      return Uni.createFrom().item(0);
    }
    return row.keyUpdatedAt == null
        ? IntegrationEntity.update(
            "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4 and keyUpdatedAt is null",
            IntegrationStatus.AUTH_FAILED,
            clock.instant(),
            row.id,
            IntegrationStatus.ACTIVE)
        : IntegrationEntity.update(
            "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4 and keyUpdatedAt = ?5",
            IntegrationStatus.AUTH_FAILED,
            clock.instant(),
            row.id,
            IntegrationStatus.ACTIVE,
            row.keyUpdatedAt);
  }

  /** Drops what is cached for an id, so the next lookup reads the database. */
  public void forget(String id) {
    cache.remove(id);
  }
}
