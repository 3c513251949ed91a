package io.convgate.console;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code console_sessions} table: which gateway key a session token stands for, until when.
 * Only the token's hash is stored, so the table cannot be replayed into a session.
 */
@ApplicationScoped
public class ConsoleSessions {

  /** A live session: the key it acts as and when it ends. */
  public record Session(String keyId, Instant expiresAt) {}

  private final Pool pool;
  private final Clock clock;
  private final ConsoleConfig config;

  public ConsoleSessions(Pool pool, Clock clock, ConsoleConfig config) {
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  /** Opens a session for this key and returns its token and end. */
  public Uni<Opened> open(String keyId) {
    String token = SessionToken.generate();
    Instant now = clock.instant();
    Instant expires = now.plus(config.sessionTtl());
    return pool.preparedQuery(
            "INSERT INTO console_sessions (token_hash, key_id, created_at, expires_at)"
                + " VALUES ($1, $2, $3, $4)")
        .execute(
            Tuple.of(
                Buffer.buffer(SessionToken.hash(token)),
                keyId,
                now.atOffset(ZoneOffset.UTC),
                expires.atOffset(ZoneOffset.UTC)))
        .map(ignored -> new Opened(token, expires));
  }

  /** A token just opened, to be set as the cookie: it is never stored. */
  public record Opened(String token, Instant expiresAt) {}

  /** The session this token stands for, if it exists and has not expired. */
  public Uni<Optional<Session>> find(String token) {
    return pool.preparedQuery(
            "SELECT key_id, expires_at FROM console_sessions"
                + " WHERE token_hash = $1 AND expires_at > $2")
        .execute(
            Tuple.of(
                Buffer.buffer(SessionToken.hash(token)), clock.instant().atOffset(ZoneOffset.UTC)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.<Session>empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new Session(
                      row.getString("key_id"), row.getOffsetDateTime("expires_at").toInstant()));
            });
  }

  /** Ends the session (sign-out); also sweeps expired ones. */
  public Uni<Void> close(String token) {
    return pool.preparedQuery(
            "DELETE FROM console_sessions WHERE token_hash = $1 OR expires_at <= $2")
        .execute(
            Tuple.of(
                Buffer.buffer(SessionToken.hash(token)), clock.instant().atOffset(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** Ends every session of a key (it was revoked). */
  public Uni<Void> closeAllOf(String keyId) {
    return pool.preparedQuery("DELETE FROM console_sessions WHERE key_id = $1")
        .execute(Tuple.of(keyId))
        .replaceWithVoid();
  }
}
