package io.convgate.event;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 timestamps with an offset, read and written exactly as {@link
 * DateTimeFormatter#ISO_OFFSET_DATE_TIME} does, with a fast path for the one shape events carry
 * ({@code 2026-11-30T05:30:43.123Z}, {@code ...+02:00}). The formatter is general and slow (it was
 * 5 % of the gateway's CPU per event, two reads and two writes each); anything outside the fast
 * path goes to it, so what is accepted, rejected and written does not change ({@code Rfc3339Test}
 * compares both on random and edge values).
 */
public final class Rfc3339 {

  private static final int MAX_FAST_LENGTH = 35;

  private Rfc3339() {}

  /**
   * @throws java.time.format.DateTimeParseException as {@link OffsetDateTime#parse} would
   */
  public static OffsetDateTime parse(CharSequence text) {
    OffsetDateTime fast = parseFast(text);
    return fast != null ? fast : OffsetDateTime.parse(text);
  }

  public static String format(OffsetDateTime time) {
    int year = time.getYear();
    int offsetSeconds = time.getOffset().getTotalSeconds();
    if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
      return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    StringBuilder out = new StringBuilder(MAX_FAST_LENGTH);
    digits(out, year, 4);
    out.append('-');
    digits(out, time.getMonthValue(), 2);
    out.append('-');
    digits(out, time.getDayOfMonth(), 2);
    out.append('T');
    digits(out, time.getHour(), 2);
    out.append(':');
    digits(out, time.getMinute(), 2);
    out.append(':');
    digits(out, time.getSecond(), 2);
    int nano = time.getNano();
    if (nano != 0) {
      int width = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        width--;
      }
      out.append('.');
      digits(out, nano, width);
    }
    if (offsetSeconds == 0) {
      out.append('Z');
    } else {
      int minutes = Math.abs(offsetSeconds) / 60;
      out.append(offsetSeconds < 0 ? '-' : '+');
      digits(out, minutes / 60, 2);
      out.append(':');
      digits(out, minutes % 60, 2);
    }
    return out.toString();
  }

  /** The value, or null when the text is not in the fast path's shape or not a valid time. */
  private static OffsetDateTime parseFast(CharSequence text) {
    int length = text.length();
    if (length < 20 || length > MAX_FAST_LENGTH) {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || minute < 0
        || second < 0
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int position = 19;
    int nano = 0;
    if (text.charAt(position) == '.') {
      int start = ++position;
      while (position < length && isDigit(text.charAt(position))) {
        position++;
      }
      int width = position - start;
      if (width < 1 || width > 9) {
        return null;
      }
      nano = number(text, start, width);
      for (int i = width; i < 9; i++) {
        nano *= 10;
      }
    }
    ZoneOffset offset = offset(text, position);
    if (offset == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  private static ZoneOffset offset(CharSequence text, int position) {
    int remaining = text.length() - position;
    if (remaining == 1 && text.charAt(position) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (remaining != 6 || text.charAt(position + 3) != ':') {
      return null;
    }
    char sign = text.charAt(position);
    int hours = number(text, position + 1, 2);
    int minutes = number(text, position + 4, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return null;
    }
    int seconds = (hours * 60 + minutes) * 60;
    try {
      return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  /** The decimal number in {@code width} ASCII digits at {@code start}, or -1. */
  private static int number(CharSequence text, int start, int width) {
    int value = 0;
    for (int i = start; i < start + width; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void digits(StringBuilder out, int value, int width) {
    for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
  }

  private static int pow10(int exponent) {
    int value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
