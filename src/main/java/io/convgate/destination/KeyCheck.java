package io.convgate.destination;

import java.util.List;

/**
 * What a destination said of a key put to its cheap key check (Hyros: {@code GET /user-info}).
 * Never carries the key.
 */
public sealed interface KeyCheck {

  /** The destination takes the key; {@code account} names the account, when it said. */
  record Accepted(String account) implements KeyCheck {}

  /** The destination refused the key (wrong, revoked, lacking a role): it cannot deliver. */
  record Refused(int status, List<String> messages) implements KeyCheck {}

  /** The destination could not be asked, or could not say (I/O error, timeout, 429, 5xx). */
  record Unanswered(String reason) implements KeyCheck {}
}
