package io.convgate.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A console session token (256 random bits, URL-safe base64), what is stored of it (its SHA-256),
 * and the CSRF token derived from it. The CSRF token is a different hash of the same secret: the
 * page can hold it without holding the session token, and no second secret needs storing.
 */
public final class SessionToken {

  /** The session cookie's name. */
  public static final String COOKIE = "convgate_session";

  /** The header that carries the CSRF token on every call a console page makes. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionToken() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] hash(String token) {
    return sha256("session:" + token);
  }

  public static String csrf(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + token));
  }

  /** Whether the presented CSRF token is the one of this session, compared in constant time. */
  public static boolean csrfMatches(String token, String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        csrf(token).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether a browser's Origin header, when it sends one, names this server (the Host it asked).
   */
  public static boolean sameOrigin(String origin, String host) {
    return origin == null
        || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
