package io.convgate.apikey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code api_keys} table. */
@ApplicationScoped
public class ApiKeyStore {

  private static final String COLUMNS =
      "id, name, kind, permissions, owner_type, owner, created_at, created_by, last_used_at,"
          + " revoked_at";

  private final Pool pool;
  private final Clock clock;

  public ApiKeyStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** The key with this id if the presented text hashes to its stored hash, revoked or not. */
  public Uni<Optional<ApiKey>> verify(KeyFormat.Parsed presented) {
    return pool.preparedQuery("SELECT " + COLUMNS + ", key_hash FROM api_keys WHERE id = $1")
        .execute(Tuple.of(presented.id()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<ApiKey>empty();
              }
              Row row = rows.iterator().next();
              byte[] stored = row.getBuffer("key_hash").getBytes();
              boolean same = MessageDigest.isEqual(stored, KeyFormat.hash(presented.whole()));
              return same ? Optional.of(toKey(row)) : Optional.<ApiKey>empty();
            });
  }

  public Uni<Void> touch(String id, Instant olderThan) {
    return pool.preparedQuery(
            "UPDATE api_keys SET last_used_at = $2 WHERE id = $1"
                + " AND (last_used_at IS NULL OR last_used_at < $3)")
        .execute(Tuple.of(id, utc(clock.instant()), utc(olderThan)))
        .replaceWithVoid();
  }

  public Uni<ApiKey> insert(
      KeyFormat.Parsed key,
      String name,
      ApiKeyKind kind,
      List<String> permissions,
      OwnerType ownerType,
      String owner,
      String createdBy) {
    return pool.preparedQuery(
            "INSERT INTO api_keys (id, key_hash, name, kind, permissions, owner_type, owner,"
                + " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                + " RETURNING "
                + COLUMNS)
        .execute(
            Tuple.from(
                Arrays.asList(
                    key.id(),
                    io.vertx.core.buffer.Buffer.buffer(KeyFormat.hash(key.whole())),
                    name,
                    kind.name(),
                    permissions.toArray(String[]::new),
                    ownerType.name(),
                    owner,
                    utc(clock.instant()),
                    createdBy)))
        .map(rows -> toKey(rows.iterator().next()));
  }

  /** Inserts the bootstrap key only if the table is empty; true if it did. */
  public Uni<Boolean> insertIfNone(KeyFormat.Parsed key) {
    return pool.preparedQuery(
            "INSERT INTO api_keys (id, key_hash, name, kind, permissions, owner_type, owner,"
                + " created_at, created_by) SELECT $1, $2, 'bootstrap', 'ALL', '{}', 'MACHINE',"
                + " 'bootstrap', $3, 'configuration' WHERE NOT EXISTS (SELECT 1 FROM api_keys)")
        .execute(
            Tuple.of(
                key.id(),
                io.vertx.core.buffer.Buffer.buffer(KeyFormat.hash(key.whole())),
                utc(clock.instant())))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<List<ApiKey>> list() {
    return pool.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")
        .execute()
        .map(ApiKeyStore::toKeys);
  }

  public Uni<Optional<ApiKey>> find(String id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> toKeys(rows).stream().findFirst());
  }

  /** Revokes a key (idempotent) and returns it. */
  public Uni<Optional<ApiKey>> revoke(String id) {
    return pool.preparedQuery(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING "
                + COLUMNS)
        .execute(Tuple.of(id, utc(clock.instant())))
        .map(rows -> toKeys(rows).stream().findFirst());
  }

  private static List<ApiKey> toKeys(RowSet<Row> rows) {
    List<ApiKey> keys = new ArrayList<>();
    rows.forEach(row -> keys.add(toKey(row)));
    return keys;
  }

  private static ApiKey toKey(Row row) {
    return new ApiKey(
        row.getString("id"),
        KeyFormat.PREFIX + row.getString("id"),
        row.getString("name"),
        ApiKeyKind.valueOf(row.getString("kind")),
        List.of(row.getArrayOfStrings("permissions")),
        OwnerType.valueOf(row.getString("owner_type")),
        row.getString("owner"),
        instant(row.getOffsetDateTime("created_at")),
        row.getString("created_by"),
        instant(row.getOffsetDateTime("last_used_at")),
        instant(row.getOffsetDateTime("revoked_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
