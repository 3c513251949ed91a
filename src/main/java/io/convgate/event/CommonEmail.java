package io.convgate.event;

import java.util.Set;

/**
 * The email addresses the quick schema test accepts without asking the full validator: plain ASCII
 * addresses such as {@code ada.lovelace+news@mail.example.com} under a well-known top-level domain.
 * Every address it accepts is one the full validator accepts too; anything else (quoted local
 * parts, IP literals, international domains, rarer top-level domains) goes to the full validator,
 * which knows them all.
 */
final class CommonEmail {

  /** Top-level domains in the IANA root zone that producers' addresses mostly end in. */
  static final Set<String> TOP_LEVEL_DOMAINS =
      Set.of(
          "com", "org", "net", "edu", "gov", "io", "co", "info", "biz", "app", "dev", "ai", "me",
          "us", "uk", "ca", "au", "nz", "ie", "de", "fr", "es", "it", "nl", "be", "ch", "at", "se",
          "no", "dk", "fi", "pl", "pt", "cz", "br", "mx", "ar", "in", "jp", "kr", "cn", "sg", "za");

  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_LABEL = 63;

  private CommonEmail() {}

  static boolean isCertainlyValid(String address) {
    int at = address.indexOf('@');
    if (at <= 0 || at != address.lastIndexOf('@')) {
      return false;
    }
    return isPlainLocalPart(address, 0, at) && isPlainDomain(address, at + 1, address.length());
  }

  /** Dot-separated atoms of letters, digits and {@code _ % + -}. */
  private static boolean isPlainLocalPart(String text, int from, int to) {
    if (to - from > MAX_LOCAL_PART || text.charAt(from) == '.' || text.charAt(to - 1) == '.') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (text.charAt(i - 1) == '.') {
          return false;
        }
      } else if (!isLetterOrDigit(c) && c != '_' && c != '%' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * At least two labels of letters, digits and inner hyphens, ending in a well-known top-level
   * domain.
   */
  private static boolean isPlainDomain(String text, int from, int to) {
    if (to - from > MAX_DOMAIN) {
      return false;
    }
    int labelStart = from;
    int labels = 0;
    for (int i = from; i <= to; i++) {
      if (i == to || text.charAt(i) == '.') {
        if (!isLabel(text, labelStart, i)) {
          return false;
        }
        labels++;
        labelStart = i + 1;
      }
    }
    int lastDot = text.lastIndexOf('.', to - 1);
    return labels >= 2
        && lastDot >= from
        && TOP_LEVEL_DOMAINS.contains(
            text.substring(lastDot + 1, to).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean isLabel(String text, int from, int to) {
    if (to <= from || to - from > MAX_LABEL) {
      return false;
    }
    if (text.charAt(from) == '-' || text.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
