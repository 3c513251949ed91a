package io.convgate.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** One record of a page: its Hyros id, its content fingerprint and the record as Hyros sent it. */
public record ReadRecord(String hyrosId, String fingerprint, JsonNode body) {

  /** A record of a page, or null when it has no id (nothing to key it by). */
  public static ReadRecord of(JsonNode body) {
    JsonNode id = body.get("id");
    if (id == null || !id.isValueNode() || id.asText().isBlank()) {
      return null;
    }
    return new ReadRecord(id.asText(), Fingerprint.of(body), body);
  }
}
