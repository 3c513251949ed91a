package io.convgate.hyros;

import java.util.List;

/** What Hyros said of a key asked about with {@code GET /user-info}. */
public sealed interface KeyCheck {

  /** Hyros takes the key; {@code email} is the account's, when Hyros named it. */
  record Accepted(String email) implements KeyCheck {}

  /** Hyros refused the key (401 wrong or revoked, 403 lacking a role): it cannot deliver. */
  record Refused(int status, List<String> messages) implements KeyCheck {}

  /** Hyros could not be asked, or could not say (I/O error, timeout, 429, 5xx, other answers). */
  record Unanswered(String reason) implements KeyCheck {}
}
