package io.convgate.integration;

import io.convgate.apikey.KeyFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * One-time connect links. An operator with {@code integrations:write} asks for one; opening it
 * gives that browser a cookie; only a browser holding a live link's cookie may complete a
 * connect-by-code. Only a hash of each link is stored.
 */
@ApplicationScoped
public class ConnectLinks {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Clock clock;
  private final ConnectConfig config;

  public ConnectLinks(Pool pool, Clock clock, ConnectConfig config) {
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  /** A link as handed to the operator. */
  public record Link(String url, Instant expiresAt) {}

  /** A live link as stored. */
  public record Pending(String integrationId, String integrationName, String createdBy) {}

  public Uni<Link> create(String integrationId, String name, String createdBy) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    Instant expires = now.plus(config.linkTtl());
    return pool.preparedQuery(
            "INSERT INTO connect_links (token_hash, integration_id, integration_name, created_by,"
                + " created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(
            Tuple.from(
                Arrays.asList(
                    Buffer.buffer(KeyFormat.hash(token)),
                    integrationId,
                    name,
                    createdBy,
                    now.atOffset(ZoneOffset.UTC),
                    expires.atOffset(ZoneOffset.UTC))))
        .replaceWith(
            new Link(
                config.publicUrl().replaceAll("/+$", "")
                    + "/integrations/hyros/start?link="
                    + token,
                expires));
  }

  /** The link a token names, if it is neither used nor expired. */
  public Uni<Optional<Pending>> live(String token) {
    if (token == null || token.isBlank()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return pool.preparedQuery(
            "SELECT integration_id, integration_name, created_by FROM connect_links"
                + " WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .execute(Tuple.of(Buffer.buffer(KeyFormat.hash(token)), now()))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(pending(rows.iterator().next())));
  }

  /** Marks a link used, in the caller's transaction; false if another request used it first. */
  Uni<Boolean> use(SqlClient client, String token) {
    return client
        .preparedQuery(
            "UPDATE connect_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL"
                + " AND expires_at > $2")
        .execute(Tuple.of(Buffer.buffer(KeyFormat.hash(token)), now()))
        .map(rows -> rows.rowCount() == 1);
  }

  private java.time.OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static Pending pending(Row row) {
    return new Pending(
        row.getString("integration_id"),
        row.getString("integration_name"),
        row.getString("created_by"));
  }
}
