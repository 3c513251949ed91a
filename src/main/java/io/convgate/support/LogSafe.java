package io.convgate.support;

/**
 * Makes a value that convgate does not control (anything from an event, a Kafka header, a request,
 * a Hyros response or an exception message that may quote one) safe to write into a log line or a
 * one-line text such as a dead letter's reason: control characters, line and paragraph separators
 * and invisible format characters become visible escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \u2028}), so a value can never start a line of its own or rewrite a terminal, and a value
 * longer than the bound is cut, with a marker that says how long it was: {@code abc…(100000
 * chars)}, the marker included in the bound. Safe text within the bound passes through unchanged,
 * so applying it twice (with the same or a larger bound) changes nothing. Backslashes are not
 * escaped: a literal {@code \n} in a value reads the same as an escaped line break, but neither
 * breaks a line.
 */
public final class LogSafe {

  /** The longest value written into a log line: an id, a type, a name, a field's value. */
  public static final int VALUE = 200;

  /** The longest text written into a log line: a reason, a list of field errors, a message. */
  public static final int TEXT = 1000;

  private static final String MARKER = "…(%d chars)";

  private LogSafe() {}

  /** The value, escaped and cut to {@link #VALUE} characters; {@code "null"} for null. */
  public static String of(Object value) {
    return of(value, VALUE);
  }

  /** The value, escaped and cut to at most {@code max} characters, the marker included. */
  public static String of(Object value, int max) {
    String text = String.valueOf(value);
    if (text.length() <= max && isSafe(text)) {
      return text;
    }
    String marker = String.format(MARKER, text.length());
    int budget = Math.max(max - marker.length(), 0);
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int fits = 0; // how much of out fits in front of the marker, at a whole character or escape
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      String escaped = escape(c);
      int width = escaped == null ? Character.charCount(c) : escaped.length();
      if (out.length() + width > max) {
        out.setLength(fits);
        return out.append(marker).toString();
      }
      if (escaped == null) {
        out.appendCodePoint(c);
      } else {
        out.append(escaped);
      }
      if (out.length() <= budget) {
        fits = out.length();
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** Null for null, otherwise as {@link #of(Object, int)}: for optional fields and headers. */
  public static String orNull(String value, int max) {
    return value == null ? null : of(value, max);
  }

  /** Whether the text holds nothing that {@link #of(Object, int)} would escape. */
  public static boolean isSafe(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && needsEscape(c, text, i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean needsEscape(char c, CharSequence text, int i) {
    if (Character.isHighSurrogate(c)) {
      if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        return dangerous(Character.toCodePoint(c, text.charAt(i + 1)));
      }
      return true;
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return dangerous(c);
  }

  /** The escape of a code point, or null when it is written as it is. */
  private static String escape(int c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (Character.isBmpCodePoint(c) && Character.isSurrogate((char) c)) {
      return unicode(c); // unpaired: no terminal or log reader knows what to make of it
    }
    if (!dangerous(c)) {
      return null;
    }
    if (Character.isBmpCodePoint(c)) {
      return unicode(c);
    }
    return unicode(Character.highSurrogate(c)) + unicode(Character.lowSurrogate(c));
  }

  /**
   * C0 and C1 controls and DEL (line breaks, terminal escapes), the Unicode line and paragraph
   * separators, and format characters (bidirectional overrides that reorder what is shown,
   * zero-width characters that hide text, tag characters).
   */
  private static boolean dangerous(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT;
  }

  private static String unicode(int c) {
    return String.format("\\u%04x", c);
  }
}
