package io.convgate.event;

/**
 * What the contract calls text: no control characters (U+0000-U+001F, U+007F-U+009F), no line or
 * paragraph separators (U+2028, U+2029) and no unpaired surrogates, which are not characters and
 * which a JSON writer would replace with {@code ?}. Blank means made only of space separators
 * (Unicode category Zs, such as U+0020, U+00A0 and U+3000). One pass over the characters, so a
 * value of any length costs the same per character.
 *
 * <p>The schemas state these rules as the regular expressions {@link #TEXT} and {@link #WORD};
 * {@link Patterns} runs them with these methods, and {@code PatternsTest} checks that the two say
 * the same on every kind of character.
 */
public final class PrintableText {

  /** Text that may be empty or blank. */
  static final String TEXT = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\uD800-\\uDFFF]*$";

  /** Text that is not blank: spaces, then a character that is not a space, then text. */
  static final String WORD =
      "^[\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]*"
          + "[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F"
          + "\\u3000\\uD800-\\uDFFF]"
          + "[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\uD800-\\uDFFF]*$";

  private PrintableText() {}

  /** Whether the value holds no character that text may not hold. */
  static boolean isText(String value) {
    return scan(value) != INVALID;
  }

  /** Whether the value is text and not blank. */
  static boolean isWord(String value) {
    return scan(value) == WORDS;
  }

  /** Whether the value is empty or only space separators (it may hold other invalid text). */
  public static boolean isBlank(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!isSpace(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static final int INVALID = 0;
  private static final int BLANK = 1;
  private static final int WORDS = 2;

  private static int scan(String value) {
    int n = value.length();
    boolean blank = true;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
        return INVALID;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          blank = false;
          continue;
        }
        return INVALID;
      }
      if (blank && !isSpace(c)) {
        blank = false;
      }
    }
    return blank ? BLANK : WORDS;
  }

  /** Unicode category Zs. */
  private static boolean isSpace(char c) {
    return c == 0x20
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}
