package io.convgate.apikey;

import io.convgate.api.Access;
import io.convgate.api.Permission;
import java.time.Instant;
import java.util.List;

/**
 * A gateway API key as it is shown: never its secret, which exists only in the answer that created
 * it.
 */
public record ApiKey(
    String id,
    String prefix,
    String name,
    ApiKeyKind kind,
    List<String> permissions,
    OwnerType ownerType,
    String owner,
    Instant createdAt,
    String createdBy,
    Instant lastUsedAt,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }

  /** Whether this key may do what {@code needed} asks. */
  public boolean allows(Permission needed) {
    if (revoked()) {
      return false;
    }
    return switch (kind) {
      case ALL -> true;
      case READ_ONLY -> needed.access() == Access.READ;
      case RESTRICTED ->
          permissions.stream()
              .map(Permission::parse)
              .flatMap(java.util.Optional::stream)
              .anyMatch(p -> p.covers(needed));
    };
  }

  /** How audit rows and job records name the holder: the key id and its owner. */
  public String actor() {
    return KeyFormat.PREFIX + id + " (" + ownerType.name().toLowerCase() + " " + owner + ")";
  }
}
