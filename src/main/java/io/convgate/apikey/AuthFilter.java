package io.convgate.apikey;

import io.convgate.api.ApiException;
import io.convgate.api.Permission;
import io.convgate.api.Requires;
import io.convgate.api.Routes;
import io.convgate.audit.Refusal;
import io.convgate.audit.Refusal.Reason;
import io.convgate.audit.RefusalLog;
import io.convgate.console.ConsoleSessions;
import io.convgate.console.SessionToken;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every call under {@code /api} with a gateway API key and checks the permission its
 * method {@link Requires}: 401 without a usable key, 403 naming the permission when the key lacks
 * it. A method under {@code /api} without {@link Requires} is refused: access is never granted by
 * omission. A console page calls the same API with its session cookie instead of a key (then with
 * the session's CSRF token on every call), and is held to the same permissions. Every refusal is
 * counted for the audit log ({@link RefusalLog}).
 */
public class AuthFilter {

  private static final Logger LOGGER = Logger.getLogger(AuthFilter.class);
  private static final String BEARER = "Bearer ";

  private final ApiKeyStore keys;
  private final CurrentCaller caller;
  private final ApiConfig config;
  private final Clock clock;
  private final RefusalLog refusals;
  private final ConsoleSessions sessions;

  public AuthFilter(
      ApiKeyStore keys,
      CurrentCaller caller,
      ApiConfig config,
      Clock clock,
      RefusalLog refusals,
      ConsoleSessions sessions) {
    this.sessions = sessions;
    this.keys = keys;
    this.caller = caller;
    this.config = config;
    this.clock = clock;
    this.refusals = refusals;
  }

  @ServerRequestFilter
  public Uni<Void> authorize(ContainerRequestContext request, ResourceInfo resource) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/")) {
      return Uni.createFrom().voidItem();
    }
    Method method = resource.getResourceMethod();
    Requires requires = method == null ? null : method.getAnnotation(Requires.class);
    Permission needed =
        requires == null ? null : new Permission(requires.resource(), requires.access());
    Refusing refusing =
        new Refusing(
            request.getMethod(),
            Routes.template(resource.getResourceClass(), method),
            needed == null ? null : needed.code());
    if (needed == null) {
      LOGGER.errorf("refused %s: the method declares no permission", LogSafe.of(path));
      return refusing.unknown(
          Reason.NO_DECLARED_PERMISSION, "this endpoint is not open to API keys");
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Cookie session = request.getCookies().get(SessionToken.COOKIE);
    if ((header == null || header.isBlank()) && session != null && !session.getValue().isBlank()) {
      return bySession(request, session.getValue(), refusing, needed);
    }
    if (header == null || header.isBlank()) {
      return refusing.unknown(
          Reason.NO_KEY, "an API key is needed: send 'Authorization: Bearer cgw_...'");
    }
    if (!header.startsWith(BEARER)) {
      return refusing.unknown(
          Reason.NOT_BEARER, "the Authorization header must be 'Bearer ' followed by a cgw_ key");
    }
    Optional<KeyFormat.Parsed> parsed = KeyFormat.parse(header.substring(BEARER.length()).trim());
    if (parsed.isEmpty()) {
      return refusing.unknown(
          Reason.MALFORMED_KEY,
          "this is not a convgate API key: keys look like cgw_<10 characters>_<40 characters>");
    }
    return keys.verify(parsed.get()).chain(found -> admit(found, refusing, needed));
  }

  /**
   * A call from a console page (docs/console.md): the session cookie stands for a gateway key, and
   * every call, reading or changing, must carry the session's CSRF token and come from this origin,
   * so a page of another site can never act with an operator's session.
   */
  private Uni<Void> bySession(
      ContainerRequestContext request, String token, Refusing refusing, Permission needed) {
    if (!SessionToken.csrfMatches(token, request.getHeaderString(SessionToken.CSRF_HEADER))
        || !sameOrigin(request)) {
      return refusing.unknown(
          Reason.BAD_CSRF,
          ApiException.forbidden(
              "a console call needs the session's "
                  + SessionToken.CSRF_HEADER
                  + " header and this origin: reload the console"));
    }
    return sessions
        .find(token)
        .chain(
            found ->
                found.isEmpty()
                    ? refusing.unknown(
                        Reason.NO_SESSION, "the console session has ended: sign in again")
                    : keys.find(found.get().keyId())
                        .chain(key -> admit(key, refusing, needed))
                        .onFailure()
                        .call(
                            failure ->
                                keyGone(failure)
                                    ? sessions.closeAllOf(found.get().keyId())
                                    : Uni.createFrom().voidItem()));
  }

  private static boolean keyGone(Throwable failure) {
    return failure instanceof ApiException refused && refused.body().status() == 401;
  }

  /** Whether an Origin header, when the browser sent one, names this server. */
  private static boolean sameOrigin(ContainerRequestContext request) {
    return SessionToken.sameOrigin(
        request.getHeaderString("Origin"), request.getHeaderString(HttpHeaders.HOST));
  }

  /** Lets a known, unrevoked key through if it has the permission. */
  private Uni<Void> admit(Optional<ApiKey> found, Refusing refusing, Permission needed) {
    if (found.isEmpty()) {
      return refusing.unknown(Reason.UNKNOWN_KEY, "this API key is not known to convgate");
    }
    ApiKey key = found.get();
    if (key.revoked()) {
      return refusing.by(
          key,
          Reason.REVOKED_KEY,
          ApiException.unauthorized("this API key was revoked at " + key.revokedAt()));
    }
    caller.set(key);
    if (!key.allows(needed)) {
      return refusing.by(key, Reason.MISSING_PERMISSION, ApiException.forbidden(needed));
    }
    keys.touch(key.id(), clock.instant().minus(config.lastUsedResolution()))
        .subscribe()
        .with(
            ignored -> {},
            error -> LOGGER.debugf("last-used time of %s not written", LogSafe.of(key.prefix())));
    return Uni.createFrom().voidItem();
  }

  /** Refuses the call and counts the refusal for the audit log. */
  private final class Refusing {
    private final String method;
    private final String template;
    private final String permission;

    Refusing(String method, String template, String permission) {
      this.method = method;
      this.template = template;
      this.permission = permission;
    }

    /** Without a key convgate knows: the caller is never named by what it presented. */
    Uni<Void> unknown(Reason reason, String message) {
      return unknown(reason, ApiException.unauthorized(message));
    }

    Uni<Void> unknown(Reason reason, ApiException answer) {
      refusals.note(new Refusal(Refusal.UNKNOWN, method, template, permission, reason));
      return Uni.createFrom().failure(answer);
    }

    Uni<Void> by(ApiKey key, Reason reason, ApiException answer) {
      refusals.note(new Refusal(key.actor(), method, template, permission, reason));
      return Uni.createFrom().failure(answer);
    }
  }
}
