package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading the API's JSON for text output. */
final class Json {

  private Json() {}

  /** The field as text; null when absent or JSON null (tables print it as "-"). */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  static long number(JsonNode node, String field) {
    return node.path(field).asLong(0);
  }

  /** A list of strings as "a, b"; null when empty. */
  static String joined(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(value.isValueNode() ? value.asText() : value.toString());
    }
    return values.isEmpty() ? null : String.join(", ", values);
  }

  /**
   * One line for an object whose fields are not fixed by the contract (history entries, Hyros
   * messages): the time first if there is one, then {@code name: value} pairs.
   */
  static String describe(JsonNode node) {
    if (node.isValueNode()) {
      return node.asText();
    }
    if (!node.isObject()) {
      return node.toString();
    }
    StringBuilder line = new StringBuilder();
    if (node.hasNonNull("at")) {
      line.append(node.path("at").asText()).append("  ");
    }
    List<String> pairs = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("at") || field.getValue().isNull()) {
        continue;
      }
      JsonNode value = field.getValue();
      pairs.add(field.getKey() + ": " + (value.isValueNode() ? value.asText() : value.toString()));
    }
    return line.append(String.join(", ", pairs)).toString();
  }
}
