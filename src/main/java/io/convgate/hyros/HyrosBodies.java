package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reading Hyros' answers: the JSON body, and its {@code message} (a string or a list). */
final class HyrosBodies {

  private HyrosBodies() {}

  /** The body as JSON; an empty object when it is empty or not JSON. */
  static JsonNode parse(ObjectMapper json, String text) {
    try {
      return text.isBlank() ? json.createObjectNode() : json.readTree(text);
    } catch (Exception e) {
      return json.createObjectNode();
    }
  }

  /**
   * Hyros' {@code message}, as a list; for a failure without one, the start of the raw body, so an
   * operator still sees what came back.
   */
  static List<String> messages(JsonNode body, String raw, int status) {
    List<String> messages = new ArrayList<>();
    JsonNode message = body.path("message");
    if (message.isArray()) {
      message.forEach(m -> messages.add(m.asText()));
    } else if (message.isTextual()) {
      messages.add(message.asText());
    }
    if (messages.isEmpty() && status >= 300 && !raw.isBlank()) {
      messages.add(raw.length() > 500 ? raw.substring(0, 500) : raw);
    }
    return List.copyOf(messages);
  }
}
