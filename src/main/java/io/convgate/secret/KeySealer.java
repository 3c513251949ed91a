package io.convgate.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM (authenticated encryption) under a named master key. A sealed
 * value reads {@code v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}; the key id says which
 * master key opens it, so master keys can be rotated. The context (e.g. the integration id) is
 * authenticated too: a sealed value copied onto another row does not open.
 */
public final class KeySealer {

  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final Map<String, SecretKeySpec> keys;
  private final String activeId;
  private final SecureRandom random = new SecureRandom();

  private KeySealer(Map<String, SecretKeySpec> keys, String activeId) {
    this.keys = keys;
    this.activeId = activeId;
  }

  /**
   * Reads master keys written {@code id:base64,...}.
   *
   * @throws IllegalArgumentException with a message an operator can act on, never quoting a key
   */
  public static KeySealer of(Iterable<String> entries, String activeId) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      int colon = trimmed.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "each entry of convgate.secrets.master-keys must be <key id>:<base64 of 32 bytes>");
      }
      String id = trimmed.substring(0, colon);
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "master key id '" + id + "' must be 1-32 letters, digits, '-' or '_'");
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("master key '" + id + "' is not valid base64");
      }
      if (material.length != 32) {
        throw new IllegalArgumentException(
            "master key '"
                + id
                + "' must be 32 bytes (AES-256), it has "
                + material.length
                + "; make one with: openssl rand -base64 32");
      }
      if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
        throw new IllegalArgumentException("master key id '" + id + "' appears twice");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("convgate.secrets.master-keys lists no key");
    }
    String active = activeId == null ? keys.keySet().iterator().next() : activeId;
    if (!keys.containsKey(active)) {
      throw new IllegalArgumentException(
          "convgate.secrets.active-key '" + active + "' is not among the master keys");
    }
    return new KeySealer(keys, active);
  }

  public String activeKeyId() {
    return activeId;
  }

  /** Seals a secret for one context (e.g. an integration id). */
  public String seal(String secret, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(activeId, context));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION
          + "."
          + activeId
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Opens a sealed value.
   *
   * @throws SealedValueException when the value is damaged, sealed for another context, or sealed
   *     under a master key that is not configured
   */
  public String open(String sealed, String context) {
    String[] parts = sealed.split("\\.", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new SealedValueException("the stored value is not a sealed secret of this version");
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      throw new SealedValueException(
          "the secret was sealed with master key '"
              + parts[1]
              + "', which is not in convgate.secrets.master-keys");
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(parts[2]);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(parts[1], context));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SealedValueException(
          "the sealed secret does not open: damaged, or sealed for another record");
    }
  }

  private static byte[] aad(String keyId, String context) {
    return ("convgate/" + VERSION + "/" + keyId + "/" + context).getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed value that cannot be opened. */
  public static class SealedValueException extends RuntimeException {
    public SealedValueException(String message) {
      super(message);
    }
  }
}
