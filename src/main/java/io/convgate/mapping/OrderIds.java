package io.convgate.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Derives the Hyros {@code orderId} of a sale from its sale id, deterministically, so that a sale
 * and its refunds always name the same order. Hyros accepts only letters, digits and {@code _ - .
 * :}. A sale id made of those characters alone is used as it is; any other is replaced by {@code
 * h:} followed by the first 32 hex digits of its SHA-256, which cannot collide with an id used as
 * it is because those never start with {@code h:}.
 */
public final class OrderIds {

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final String HASHED_PREFIX = "h:";
  private static final int HASH_HEX_DIGITS = 32;

  private OrderIds() {}

  public static String fromSaleId(String saleId) {
    if (ALLOWED.matcher(saleId).matches() && !saleId.startsWith(HASHED_PREFIX)) {
      return saleId;
    }
    return HASHED_PREFIX + sha256Hex(saleId).substring(0, HASH_HEX_DIGITS);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
