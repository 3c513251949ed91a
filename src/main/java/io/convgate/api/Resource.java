package io.convgate.api;

import java.util.Arrays;
import java.util.Optional;

/** What a gateway API key's permissions are about. */
public enum Resource {
  INTEGRATIONS("integrations"),
  DEAD_LETTERS("dead-letters"),
  EVENTS("events"),
  API_KEYS("api-keys"),
  METRICS("metrics");

  private final String code;

  Resource(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Resource> fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
