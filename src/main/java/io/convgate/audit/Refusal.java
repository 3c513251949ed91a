package io.convgate.audit;

import java.util.Locale;

/**
 * One kind of refused API call, as refusals are counted: who, which endpoint, why.
 *
 * @param actor the key that called, as audit rows name it, when the key is known (even revoked);
 *     {@link #UNKNOWN} when there was no key or it was malformed or unknown. Never what was
 *     presented.
 * @param method the HTTP method
 * @param template the endpoint's path template, e.g. {@code /api/v1/integrations/{id}}
 * @param permission what the endpoint needs, e.g. {@code integrations:write}; null if it declares
 *     nothing
 * @param reason why
 */
public record Refusal(
    String actor, String method, String template, String permission, Reason reason) {

  public static final String UNKNOWN = "unknown";

  /** Why a call was refused. */
  public enum Reason {
    NO_KEY,
    NOT_BEARER,
    MALFORMED_KEY,
    UNKNOWN_KEY,
    REVOKED_KEY,
    NO_DECLARED_PERMISSION,
    MISSING_PERMISSION,
    /** A console session cookie that is unknown, ended or expired. */
    NO_SESSION,
    /** A console session call without its CSRF token, or from another origin. */
    BAD_CSRF;

    /** How audit rows write it, e.g. {@code unknown-key}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int status() {
      return this == MISSING_PERMISSION || this == BAD_CSRF ? 403 : 401;
    }

    /** The error code of the answer, which is the audit row's outcome. */
    public String outcome() {
      return this == MISSING_PERMISSION || this == BAD_CSRF ? "forbidden" : "unauthorized";
    }
  }

  /** How audit rows name the endpoint, e.g. {@code POST /api/v1/integrations/{id}/pause}. */
  public String target() {
    return method + " " + template;
  }
}
