package io.convgate.apikey;

/** How much a gateway API key may do. */
public enum ApiKeyKind {
  /** Every permission. */
  ALL,
  /** Every read permission. */
  READ_ONLY,
  /** Only the permissions listed on the key. */
  RESTRICTED
}
