package io.convgate.integration;

import java.time.Instant;

/**
 * What convgate stores about a key once Hyros was asked about it.
 *
 * @param account the account Hyros named for the key, or null
 * @param checkedAt when Hyros confirmed the key, or null when it could not be asked
 * @param problem why the key could not be checked, or null
 */
record KeyState(IntegrationView.Account account, Instant checkedAt, String problem) {

  static KeyState confirmed(IntegrationView.Account account, Instant at) {
    return new KeyState(account, at, null);
  }

  static KeyState unchecked(String problem) {
    return new KeyState(null, null, problem);
  }

  boolean isConfirmed() {
    return checkedAt != null;
  }

  String email() {
    return account == null ? null : account.email();
  }

  /** Roles as stored: comma-separated, or null when Hyros did not say (user-info names none). */
  String roles() {
    return account == null || account.roles() == null ? null : String.join(",", account.roles());
  }
}
