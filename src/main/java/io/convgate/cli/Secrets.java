package io.convgate.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets one run of the CLI knows (its gateway key, Hyros keys read from stdin), masked in
 * every message it prints in case a server echoes one.
 */
final class Secrets {

  /** A gateway key anywhere in a message: its id may show, its secret part never. */
  private static final Pattern GATEWAY_KEY =
      Pattern.compile("\\b(cgw_[a-z0-9]{10}_)[A-Za-z0-9]{40}\\b");

  /** What a token is made of: a secret is masked where it stands alone, not inside a word. */
  private static final String TOKEN_CHARACTER = "[\\p{Alnum}_-]";

  static final String REDACTED = "[redacted]";

  private final Set<String> values = new LinkedHashSet<>();

  void add(String value) {
    if (value != null && !value.isEmpty()) {
      values.add(value);
    }
  }

  /**
   * {@code text} with each secret replaced where it stands as a whole token (a short secret must
   * not mask the words it is part of: "key" stays "key" when the secret is "ey"), and the secret
   * part of any gateway key.
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = GATEWAY_KEY.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    for (String value : values) {
      Pattern whole =
          Pattern.compile(
              "(?<!"
                  + TOKEN_CHARACTER
                  + ")"
                  + Pattern.quote(value)
                  + "(?!"
                  + TOKEN_CHARACTER
                  + ")");
      result = whole.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
    }
    return result;
  }
}
