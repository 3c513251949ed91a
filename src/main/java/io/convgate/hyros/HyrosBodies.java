package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.support.LogSafe;
import java.util.ArrayList;
import java.util.List;

/** Reading Hyros' answers: the JSON body, and its {@code message} (a string or a list). */
final class HyrosBodies {

  static final int MAX_MESSAGES = 20;

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
   * operator still sees what came back. An answer is not trusted more than an event: at most {@link
   * #MAX_MESSAGES} messages, each made {@link LogSafe}, since they reach logs and dead letters.
   */
  static List<String> messages(JsonNode body, String raw, int status) {
    List<String> messages = new ArrayList<>();
    JsonNode message = body.path("message");
    if (message.isArray()) {
      for (JsonNode m : message) {
        if (messages.size() == MAX_MESSAGES) {
          messages.add("…(" + message.size() + " messages)");
          break;
        }
        messages.add(LogSafe.of(m.asText(), LogSafe.TEXT));
      }
    } else if (message.isTextual()) {
      messages.add(LogSafe.of(message.asText(), LogSafe.TEXT));
    }
    if (messages.isEmpty() && status >= 300 && !raw.isBlank()) {
      messages.add(LogSafe.of(raw, 500));
    }
    return List.copyOf(messages);
  }
}
