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

  /** A connection some link completed: the integration and the account it was connected to. */
  public record Completed(String integrationId, String accountEmail, Instant at) {}

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

  /**
   * Marks a link used by this code, in the caller's transaction; false if another request used it
   * first. Only a hash of the code is kept, to recognise a reload of the page it completed.
   */
  Uni<Boolean> use(SqlClient client, String token, String code) {
    return client
        .preparedQuery(
            "UPDATE connect_links SET used_at = $2, code_hash = $3 WHERE token_hash = $1"
                + " AND used_at IS NULL AND expires_at > $2")
        .execute(
            Tuple.of(
                Buffer.buffer(KeyFormat.hash(token)), now(), Buffer.buffer(KeyFormat.hash(code))))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The connection this code completed, if one did (the page reloaded after it). */
  public Uni<Optional<Completed>> completedBy(String code) {
    return pool.preparedQuery(
            "SELECT l.integration_id, l.used_at, i.account_email FROM connect_links l"
                + " LEFT JOIN integrations i ON i.id = l.integration_id"
                + " WHERE l.code_hash = $1 ORDER BY l.used_at DESC LIMIT 1")
        .execute(Tuple.of(Buffer.buffer(KeyFormat.hash(code))))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new Completed(
                      row.getString("integration_id"),
                      row.getString("account_email"),
                      row.getOffsetDateTime("used_at").toInstant()));
            });
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
