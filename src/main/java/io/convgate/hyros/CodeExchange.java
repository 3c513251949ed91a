package io.convgate.hyros;

import java.util.List;

/** What came of exchanging a connect code with Hyros. */
public sealed interface CodeExchange {

  /** Hyros issued a key for the account the code belongs to. */
  record Connected(String apiKey, String email, List<String> roles) implements CodeExchange {
    @Override
    public String toString() {
      return "Connected[email=" + email + ", roles=" + roles + ", key=<hidden>]";
    }
  }

  /** Hyros refused the code (expired, already used, unknown): getting a new code is the fix. */
  record Refused(int status, List<String> messages) implements CodeExchange {}

  /** Hyros could not be asked, or answered with a failure of its own: the code may still work. */
  record Unreachable(String reason) implements CodeExchange {}
}
