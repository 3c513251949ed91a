package io.convgate.api;

/** Read, or read and change. */
public enum Access {
  READ,
  WRITE;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
