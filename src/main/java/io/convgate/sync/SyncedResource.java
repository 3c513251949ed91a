package io.convgate.sync;

import java.util.Arrays;
import java.util.Optional;

/** The Hyros list endpoints convgate reads back, each published to its own topic. */
public enum SyncedResource {
  LEADS("leads"),
  SALES("sales"),
  CALLS("calls"),
  SUBSCRIPTIONS("subscriptions");

  private final String code;

  SyncedResource(String code) {
    this.code = code;
  }

  /** The path segment ({@code GET /leads}) and the name used in the API, CLI and metrics. */
  public String code() {
    return code;
  }

  /** The change topic: {@code convgate.hyros.<resource>} (kafka-topics.yaml). */
  public String topic() {
    return "convgate.hyros." + code;
  }

  /** The CloudEvents {@code type} of a change of this resource. */
  public String eventType() {
    return "io.convgate.hyros." + code.substring(0, code.length() - 1) + ".changed";
  }

  public static Optional<SyncedResource> fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
  }
}
