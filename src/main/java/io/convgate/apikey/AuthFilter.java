package io.convgate.apikey;

import io.convgate.api.ApiException;
import io.convgate.api.Permission;
import io.convgate.api.Requires;
import io.convgate.api.Routes;
import io.convgate.audit.Refusal;
import io.convgate.audit.Refusal.Reason;
import io.convgate.audit.RefusalLog;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
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
 * omission. Every refusal is counted for the audit log ({@link RefusalLog}).
 */
public class AuthFilter {

  private static final Logger LOGGER = Logger.getLogger(AuthFilter.class);
  private static final String BEARER = "Bearer ";

  private final ApiKeyStore keys;
  private final CurrentCaller caller;
  private final ApiConfig config;
  private final Clock clock;
  private final RefusalLog refusals;

  public AuthFilter(
      ApiKeyStore keys, CurrentCaller caller, ApiConfig config, Clock clock, RefusalLog refusals) {
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
    return keys.verify(parsed.get())
        .chain(
            found -> {
              if (found.isEmpty()) {
                return refusing.unknown(
                    Reason.UNKNOWN_KEY, "this API key is not known to convgate");
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
                      error ->
                          LOGGER.debugf(
                              "last-used time of %s not written", LogSafe.of(key.prefix())));
              return Uni.createFrom().voidItem();
            });
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
      refusals.note(new Refusal(Refusal.UNKNOWN, method, template, permission, reason));
      return Uni.createFrom().failure(ApiException.unauthorized(message));
    }

    Uni<Void> by(ApiKey key, Reason reason, ApiException answer) {
      refusals.note(new Refusal(key.actor(), method, template, permission, reason));
      return Uni.createFrom().failure(answer);
    }
  }
}
