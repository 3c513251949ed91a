package io.convgate.event;

/**
 * The {@code uri-reference} format of the contract's schemas: a URI-reference as RFC 3986 section
 * 4.1 defines it (an absolute URI such as {@code https://shop.example.com/billing} or a relative
 * reference such as {@code billing/stripe}), ASCII only, checked in one pass over the characters.
 * The full validator and the quick test both use this, so they cannot disagree on it.
 */
public final class UriReference {

  /** unreserved and sub-delims: what a reg-name may hold besides percent-encodings. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PLAIN[c] = true;
    }
    for (char c : "-._~!$&'()*+,;=".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  private UriReference() {}

  public static boolean isValid(String text) {
    int n = text.length();
    int position = 0;
    int colon = firstOf(text, 0, n, ":/?#");
    if (colon < n && text.charAt(colon) == ':') {
      // before any '/', '?' or '#', a ':' ends a scheme; a relative reference may not hold one
      // there
      if (!isScheme(text, colon)) {
        return false;
      }
      position = colon + 1;
    }
    if (text.startsWith("//", position)) {
      int end = firstOf(text, position + 2, n, "/?#");
      if (!isAuthority(text, position + 2, end)) {
        return false;
      }
      position = end;
    }
    int pathEnd = firstOf(text, position, n, "?#");
    if (!allOf(text, position, pathEnd, ":@/")) {
      return false;
    }
    position = pathEnd;
    if (position < n && text.charAt(position) == '?') {
      int queryEnd = firstOf(text, position + 1, n, "#");
      if (!allOf(text, position + 1, queryEnd, ":@/?")) {
        return false;
      }
      position = queryEnd;
    }
    // what is left is a fragment, which may not hold another '#'
    return position == n || allOf(text, position + 1, n, ":@/?");
  }

  private static boolean isScheme(String text, int end) {
    if (end == 0 || !isAlpha(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      char c = text.charAt(i);
      if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** {@code [ userinfo "@" ] host [ ":" port ]}. */
  private static boolean isAuthority(String text, int start, int end) {
    int at = firstOf(text, start, end, "@");
    int hostStart = start;
    if (at < end) {
      if (!allOf(text, start, at, ":")) {
        return false;
      }
      hostStart = at + 1;
    }
    int portColon;
    if (hostStart < end && text.charAt(hostStart) == '[') {
      int close = firstOf(text, hostStart, end, "]");
      if (close == end || !isIpLiteral(text, hostStart + 1, close)) {
        return false;
      }
      portColon = close + 1;
      if (portColon < end && text.charAt(portColon) != ':') {
        return false;
      }
    } else {
      portColon = firstOf(text, hostStart, end, ":");
      if (!allOf(text, hostStart, portColon, "")) {
        return false;
      }
    }
    for (int i = portColon + 1; i < end; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** IPv6address or IPvFuture, between the brackets. */
  private static boolean isIpLiteral(String text, int start, int end) {
    if (start < end && (text.charAt(start) == 'v' || text.charAt(start) == 'V')) {
      int dot = firstOf(text, start + 1, end, ".");
      if (dot == start + 1 || dot >= end - 1) {
        return false;
      }
      for (int i = start + 1; i < dot; i++) {
        if (!isHex(text.charAt(i))) {
          return false;
        }
      }
      for (int i = dot + 1; i < end; i++) {
        char c = text.charAt(i);
        if (c == '%' || c >= 128 || (!PLAIN[c] && c != ':')) {
          return false;
        }
      }
      return true;
    }
    return isIpv6(text, start, end);
  }

  /** RFC 4291 text form: eight 16-bit groups, one "::" for a run of zeros, an IPv4 tail. */
  private static boolean isIpv6(String text, int start, int end) {
    int groups = 0;
    boolean compressed = false;
    int i = start;
    if (text.startsWith("::", i)) {
      compressed = true;
      i += 2;
      if (i == end) {
        return true;
      }
    }
    while (i < end) {
      int next = firstOf(text, i, end, ":");
      if (next == end && firstOf(text, i, end, ".") < end) {
        if (!isIpv4(text, i, end)) {
          return false;
        }
        groups += 2;
        i = end;
        break;
      }
      int length = next - i;
      if (length < 1 || length > 4) {
        return false;
      }
      for (int k = i; k < next; k++) {
        if (!isHex(text.charAt(k))) {
          return false;
        }
      }
      groups++;
      if (next == end) {
        i = end;
      } else if (text.startsWith("::", next)) {
        if (compressed) {
          return false;
        }
        compressed = true;
        i = next + 2;
        if (i == end) {
          break;
        }
      } else {
        i = next + 1;
        if (i == end) {
          return false; // a trailing single ':'
        }
      }
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  private static boolean isIpv4(String text, int start, int end) {
    int parts = 0;
    int i = start;
    while (i <= end) {
      int next = firstOf(text, i, end, ".");
      int length = next - i;
      if (length < 1 || length > 3 || (length > 1 && text.charAt(i) == '0')) {
        return false;
      }
      int value = 0;
      for (int k = i; k < next; k++) {
        char c = text.charAt(k);
        if (!isDigit(c)) {
          return false;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255) {
        return false;
      }
      parts++;
      i = next + 1;
    }
    return parts == 4;
  }

  /**
   * Whether every character between start and end is unreserved, a sub-delim, one of {@code extra},
   * or a percent-encoded octet.
   */
  private static boolean allOf(String text, int start, int end, String extra) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= end || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c >= 128 || (!PLAIN[c] && extra.indexOf(c) < 0)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first of {@code stops} between start and end, or end. */
  private static int firstOf(String text, int start, int end, String stops) {
    for (int i = start; i < end; i++) {
      if (stops.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return end;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
