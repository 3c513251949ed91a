package io.convgate.apikey;

import io.convgate.api.ApiException;
import io.convgate.api.Permission;
import io.convgate.api.Requires;
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
 * omission.
 */
public class AuthFilter {

  private static final Logger LOGGER = Logger.getLogger(AuthFilter.class);
  private static final String BEARER = "Bearer ";

  private final ApiKeyStore keys;
  private final CurrentCaller caller;
  private final ApiConfig config;
  private final Clock clock;

  public AuthFilter(ApiKeyStore keys, CurrentCaller caller, ApiConfig config, Clock clock) {
    this.keys = keys;
    this.caller = caller;
    this.config = config;
    this.clock = clock;
  }

  @ServerRequestFilter
  public Uni<Void> authorize(ContainerRequestContext request, ResourceInfo resource) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/")) {
      return Uni.createFrom().voidItem();
    }
    Method method = resource.getResourceMethod();
    Requires requires = method == null ? null : method.getAnnotation(Requires.class);
    if (requires == null) {
      LOGGER.errorf("refused %s: the method declares no permission", LogSafe.of(path));
      return Uni.createFrom()
          .failure(ApiException.unauthorized("this endpoint is not open to API keys"));
    }
    Permission needed = new Permission(requires.resource(), requires.access());
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return Uni.createFrom()
          .failure(
              ApiException.unauthorized(
                  "an API key is needed: send 'Authorization: Bearer cgw_...'"));
    }
    if (!header.startsWith(BEARER)) {
      return Uni.createFrom()
          .failure(
              ApiException.unauthorized(
                  "the Authorization header must be 'Bearer ' followed by a cgw_ key"));
    }
    Optional<KeyFormat.Parsed> parsed = KeyFormat.parse(header.substring(BEARER.length()).trim());
    if (parsed.isEmpty()) {
      return Uni.createFrom()
          .failure(
              ApiException.unauthorized(
                  "this is not a convgate API key: keys look like cgw_<10 characters>_<40"
                      + " characters>"));
    }
    return keys.verify(parsed.get())
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom()
                    .failure(ApiException.unauthorized("this API key is not known to convgate"));
              }
              ApiKey key = found.get();
              if (key.revoked()) {
                return Uni.createFrom()
                    .failure(
                        ApiException.unauthorized(
                            "this API key was revoked at " + key.revokedAt()));
              }
              caller.set(key);
              if (!key.allows(needed)) {
                return Uni.createFrom().failure(ApiException.forbidden(needed));
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
}
