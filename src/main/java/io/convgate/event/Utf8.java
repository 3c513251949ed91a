package io.convgate.event;

/**
 * Strict UTF-8 well-formedness (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequence. Checked on the record's bytes in place, so a valid value is
 * parsed from its bytes without first being decoded into a String.
 */
final class Utf8 {

  private Utf8() {}

  static boolean isWellFormed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int lead = bytes[i];
      if (lead >= 0) {
        i++;
        continue;
      }
      lead &= 0xff;
      int length;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) {
          low = 0xA0; // overlong below U+0800
        } else if (lead == 0xED) {
          high = 0x9F; // surrogates U+D800..U+DFFF
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) {
          low = 0x90; // overlong below U+10000
        } else if (lead == 0xF4) {
          high = 0x8F; // above U+10FFFF
        }
      } else {
        return false; // a continuation byte, an overlong 2-byte lead, or beyond U+10FFFF
      }
      if (i + length > n) {
        return false;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < low || second > high) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }
}
