package io.convgate.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a gateway API key: {@code cgw_<id>_<secret>}. The prefix makes a leaked key
 * recognisable, the id (10 lower-case letters and digits) names it in lists and audit rows, and the
 * secret (40 letters and digits, about 238 bits) is what makes it a credential. Only the SHA-256 of
 * the whole key is stored: a key this random needs no slow hash.
 */
public final class KeyFormat {

  public static final String PREFIX = "cgw_";
  private static final Pattern SHAPE = Pattern.compile("cgw_([a-z0-9]{10})_([A-Za-z0-9]{40})");
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String MIXED = LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFormat() {}

  /** A key's parts, once its shape is right. */
  public record Parsed(String id, String whole) {}

  public static Optional<Parsed> parse(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(presented);
    return m.matches() ? Optional.of(new Parsed(m.group(1), presented)) : Optional.empty();
  }

  /** A new key: its id and the whole secret text. */
  public static Parsed generate() {
    String id = random(LOWER, 10);
    return new Parsed(id, PREFIX + id + "_" + random(MIXED, 40));
  }

  public static byte[] hash(String whole) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(whole.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
