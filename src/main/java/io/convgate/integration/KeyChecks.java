package io.convgate.integration;

import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.hyros.HyrosAccounts;
import io.convgate.hyros.KeyCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Puts a key to Hyros ({@code GET /user-info}) when an operator gives or replaces it, so a wrong
 * key is refused at once rather than at the first delivery (decision 0028).
 */
@ApplicationScoped
public class KeyChecks {

  private final HyrosAccounts hyros;
  private final IntegrationConfig config;
  private final Clock clock;

  public KeyChecks(HyrosAccounts hyros, IntegrationConfig config, Clock clock) {
    this.hyros = hyros;
    this.config = config;
    this.clock = clock;
  }

  /** What Hyros says of the key, within {@code convgate.integrations.key-check-timeout}. */
  Uni<KeyCheck> ask(String apiKey) {
    return hyros.check(apiKey, config.keyCheckTimeout());
  }

  /**
   * The state to store with a key an operator gave: confirmed with its account, or unchecked with
   * the reason when Hyros could not say. Fails with a 422 {@code key-refused} when Hyros refuses
   * the key; {@code unchanged} says what was left as it was.
   */
  Uni<KeyState> forGivenKey(String apiKey, String unchanged) {
    return ask(apiKey)
        .map(
            check -> {
              if (check instanceof KeyCheck.Refused refused) {
                throw refusal(refused, unchanged);
              }
              return stateOf(check);
            });
  }

  /** The state an accepted or unanswered check leads to. */
  KeyState stateOf(KeyCheck check) {
    if (check instanceof KeyCheck.Accepted accepted) {
      return KeyState.confirmed(
          accepted.email() == null ? null : new IntegrationView.Account(accepted.email(), null),
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

  private static ApiException refusal(KeyCheck.Refused refused, String unchanged) {
    String problem =
        "Hyros refused this key ("
            + says(refused)
            + "): it is wrong, revoked, or lacks a role. Copy it again from the Hyros account,"
            + " or have the owner connect the account with a connect link";
    return new ApiException(
        new ApiError(
            422,
            "key-refused",
            "Hyros refused the key; " + unchanged,
            null,
            List.of(new ApiError.Problem("/hyrosApiKey", problem))));
  }
}
