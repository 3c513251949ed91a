package io.convgate.console;

import io.convgate.api.Access;
import io.convgate.api.ApiException;
import io.convgate.api.Permission;
import io.convgate.api.Resource;
import io.convgate.apikey.ApiKey;
import io.convgate.apikey.ApiKeyStore;
import io.convgate.apikey.KeyFormat;
import io.convgate.audit.AuditLog;
import io.convgate.audit.Refusal;
import io.convgate.audit.RefusalLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signing in to the console and out of it. A gateway key is exchanged for a session cookie ({@code
 * HttpOnly; Secure; SameSite=Strict}); the key itself is never kept by the page. The pages then
 * call the admin API with the cookie and the session's CSRF token ({@code AuthFilter}).
 */
@Path("/console/session")
@Tag(name = "Console", description = "Sign-in sessions of the web console")
public class ConsoleResource {

  private static final String TEMPLATE = "/console/session";

  private final ApiKeyStore keys;
  private final ConsoleSessions sessions;
  private final ConsoleConfig config;
  private final AuditLog audit;
  private final RefusalLog refusals;

  public ConsoleResource(
      ApiKeyStore keys,
      ConsoleSessions sessions,
      ConsoleConfig config,
      AuditLog audit,
      RefusalLog refusals) {
    this.keys = keys;
    this.sessions = sessions;
    this.config = config;
    this.audit = audit;
    this.refusals = refusals;
  }

  /** What the sign-in form sends. */
  public record SignIn(String key) {}

  /**
   * Who is signed in: the key (never its secret), what it may do, when the session ends, and the
   * CSRF token the page sends with every call.
   */
  public record Me(
      String prefix,
      String name,
      String kind,
      String owner,
      Map<String, Boolean> may,
      Instant expiresAt,
      String csrf) {}

  @POST
  @Operation(summary = "Sign in with a gateway key: sets the session cookie")
  public Uni<Response> signIn(
      SignIn body,
      @HeaderParam("Origin") String origin,
      @HeaderParam(HttpHeaders.HOST) String host) {
    if (!SessionToken.sameOrigin(origin, host)) {
      return refuse(Refusal.Reason.BAD_CSRF, ApiException.forbidden("sign in from the console"));
    }
    Optional<KeyFormat.Parsed> parsed =
        KeyFormat.parse(body == null || body.key() == null ? null : body.key().trim());
    if (parsed.isEmpty()) {
      return refuse(
          Refusal.Reason.MALFORMED_KEY,
          ApiException.unauthorized(
              "this is not a convgate key: keys look like cgw_<10 characters>_<40 characters>"));
    }
    return keys.verify(parsed.get())
        .chain(
            found -> {
              if (found.isEmpty()) {
                return refuse(
                    Refusal.Reason.UNKNOWN_KEY,
                    ApiException.unauthorized("this key is not known to convgate"));
              }
              ApiKey key = found.get();
              if (key.revoked()) {
                return refuse(
                    Refusal.Reason.REVOKED_KEY,
                    ApiException.unauthorized("this key was revoked at " + key.revokedAt()));
              }
              return sessions
                  .open(key.id())
                  .call(
                      opened ->
                          audit.record(
                              key.actor(),
                              "console.sign-in",
                              "api-key " + key.prefix(),
                              Map.of("expiresAt", opened.expiresAt().toString()),
                              "ok"))
                  .map(
                      opened ->
                          Response.ok(me(key, opened.token(), opened.expiresAt()))
                              .header("Set-Cookie", cookie(opened.token(), config.sessionTtl()))
                              .build());
            });
  }

  @GET
  @Operation(summary = "The signed-in key, what it may do, and the session's CSRF token")
  public Uni<Me> current(@CookieParam(SessionToken.COOKIE) String token) {
    return signedIn(token).map(found -> me(found.key(), token, found.session().expiresAt()));
  }

  @POST
  @Path("end")
  @Operation(summary = "Sign out: ends the session and clears the cookie")
  public Uni<Response> signOut(
      @CookieParam(SessionToken.COOKIE) String token,
      @HeaderParam(SessionToken.CSRF_HEADER) String csrf,
      @HeaderParam("Origin") String origin,
      @HeaderParam(HttpHeaders.HOST) String host) {
    if (token == null
        || !SessionToken.csrfMatches(token, csrf)
        || !SessionToken.sameOrigin(origin, host)) {
      return refuse(
          Refusal.Reason.BAD_CSRF,
          ApiException.forbidden("signing out needs the session's CSRF token: reload the console"));
    }
    return signedIn(token)
        .call(
            found ->
                audit.record(
                    found.key().actor(),
                    "console.sign-out",
                    "api-key " + found.key().prefix(),
                    Map.of(),
                    "ok"))
        .onFailure()
        .recoverWithItem((SignedIn) null)
        .call(ignored -> sessions.close(token))
        .map(
            ignored ->
                Response.noContent().header("Set-Cookie", cookie("", Duration.ZERO)).build());
  }

  private record SignedIn(ConsoleSessions.Session session, ApiKey key) {}

  private Uni<SignedIn> signedIn(String token) {
    if (token == null || token.isBlank()) {
      return Uni.createFrom().failure(ApiException.unauthorized("not signed in"));
    }
    return sessions
        .find(token)
        .chain(
            session ->
                session.isEmpty()
                    ? Uni.createFrom()
                        .failure(ApiException.unauthorized("the session has ended: sign in again"))
                    : keys.find(session.get().keyId())
                        .map(
                            key -> {
                              if (key.isEmpty() || key.get().revoked()) {
                                throw ApiException.unauthorized(
                                    "the key of this session was revoked: sign in again");
                              }
                              return new SignedIn(session.get(), key.get());
                            }));
  }

  private <T> Uni<T> refuse(Refusal.Reason reason, ApiException answer) {
    refusals.note(new Refusal(Refusal.UNKNOWN, "POST", TEMPLATE, null, reason));
    return Uni.createFrom().failure(answer);
  }

  private static Me me(ApiKey key, String token, Instant expiresAt) {
    Map<String, Boolean> may = new LinkedHashMap<>();
    for (Resource resource : Resource.values()) {
      for (Access access : List.of(Access.READ, Access.WRITE)) {
        Permission permission = new Permission(resource, access);
        may.put(permission.code(), key.allows(permission));
      }
    }
    return new Me(
        key.prefix(),
        key.name(),
        key.kind().name(),
        key.owner(),
        may,
        expiresAt,
        SessionToken.csrf(token));
  }

  /** The cookie: sent back on every path of this server, never readable by the page's script. */
  static String cookie(String token, Duration maxAge) {
    return SessionToken.COOKIE
        + "="
        + token
        + "; Path=/; Max-Age="
        + maxAge.toSeconds()
        + "; HttpOnly; Secure; SameSite=Strict";
  }
}
