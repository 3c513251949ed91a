package io.convgate.integration;

import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import io.convgate.destination.KeyCheck;
import io.convgate.destination.Limits;
import io.convgate.ratelimit.RateLimiter;
import io.convgate.ratelimit.WindowLimit;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Puts a key to its destination's cheap key check (Hyros: {@code GET /user-info}) when an operator
 * gives or replaces it, so a wrong key is refused at once rather than at the first delivery
 * (decision 0028). A destination without a key check takes the key unproven: the first delivery
 * proves it, and a refusal then holds the integration as AUTH_FAILED (docs/decisions/0051).
 */
@ApplicationScoped
public class KeyChecks {

  private final Destinations destinations;
  private final IntegrationConfig config;
  private final Clock clock;
  private final RateLimiter limiter;

  public KeyChecks(
      Destinations destinations, IntegrationConfig config, Clock clock, RateLimiter limiter) {
    this.destinations = destinations;
    this.config = config;
    this.clock = clock;
    this.limiter = limiter;
  }

  /**
   * What the destination says of the key, within {@code convgate.integrations.key-check-timeout};
   * accepted without an account when the destination has no key check.
   */
  Uni<KeyCheck> ask(String kind, String apiKey, Map<String, String> settings) {
    return destinations
        .of(kind)
        .keyCheck()
        .map(check -> check.check(apiKey, settings, config.keyCheckTimeout()))
        .orElseGet(() -> Uni.createFrom().item(new KeyCheck.Accepted(null)));
  }

  /**
   * The state to store with a key an operator gave: confirmed with its account, or unchecked with
   * the reason when Hyros could not say. Fails with a 422 {@code key-refused} when Hyros refuses
   * the key; {@code unchanged} says what was left as it was.
   */
  Uni<KeyState> forGivenKey(
      GivenKey given, String apiKey, Map<String, String> settings, String unchanged) {
    String kind = given.kind();
    return paced(given, ask(kind, apiKey, settings))
        .map(
            check -> {
              if (check instanceof KeyCheck.Refused refused) {
                throw refusal(destinations.of(kind), refused, unchanged);
              }
              return stateOf(check);
            });
  }

  /**
   * Whose key is checked: the integration's id, kind and limit overrides (null: the kind's
   * defaults).
   */
  record GivenKey(String id, String kind, Integer perSecond, Integer perMinute) {}

  /**
   * The check is a call the destination counts against the key's limits like a delivery: it takes a
   * token of the integration's pacer when one is free and gives it back after the answer, so the
   * deliveries that follow a new key (a new integration starts at full pace) leave room for it. An
   * operator's request does not wait for a token: when none is free (a key replaced under full
   * traffic, rare: a held integration sends nothing) the check goes out beside them.
   */
  private Uni<KeyCheck> paced(GivenKey given, Uni<KeyCheck> check) {
    if (destinations.of(given.kind()).keyCheck().isEmpty()) {
      return check;
    }
    Limits defaults = destinations.of(given.kind()).defaultLimits();
    List<WindowLimit> limits =
        WindowLimit.perSecondAndMinute(
            given.perSecond() == null ? defaults.requestsPerSecond() : given.perSecond(),
            given.perMinute() == null ? defaults.requestsPerMinute() : given.perMinute());
    boolean took = limiter.tryAcquire(given.id(), () -> limits).isZero();
    if (!took) {
      return check;
    }
    return check.onTermination().invoke(() -> limiter.release(given.id()));
  }

  /** The state an accepted or unanswered check leads to. */
  KeyState stateOf(KeyCheck check) {
    if (check instanceof KeyCheck.Accepted accepted) {
      return KeyState.confirmed(
          accepted.account() == null ? null : new IntegrationView.Account(accepted.account(), null),
          clock.instant());
    }
    if (check instanceof KeyCheck.Unanswered unanswered) {
      return KeyState.unchecked(unanswered.reason());
    }
    throw new IllegalArgumentException("a refused key has no state to store");
  }

  /** How a refusal reads, e.g. {@code HTTP 401: Api key not valid}. */
  static String says(KeyCheck.Refused refused) {
    return "HTTP "
        + refused.status()
        + (refused.messages().isEmpty() ? "" : ": " + String.join("; ", refused.messages()));
  }

  private static ApiException refusal(
      Destination destination, KeyCheck.Refused refused, String unchanged) {
    String name = destination.displayName();
    String problem =
        name
            + " refused this key ("
            + says(refused)
            + "): it is wrong, revoked, or lacks a role. Copy it again from the "
            + name
            + " account"
            + (destination.connectsByCode()
                ? ", or have the owner connect the account with a connect link"
                : "");
    return new ApiException(
        new ApiError(
            422,
            "key-refused",
            name + " refused the key; " + unchanged,
            null,
            List.of(new ApiError.Problem("/hyrosApiKey", problem))));
  }
}
