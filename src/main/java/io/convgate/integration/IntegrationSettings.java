package io.convgate.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** An integration's non-secret settings as the {@code settings} column holds them: JSON. */
final class IntegrationSettings {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private IntegrationSettings() {}

  /** The settings in a column; none for null or a value that is not an object of strings. */
  static Map<String, String> read(String column) {
    if (column == null || column.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(column, MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  /** The column's value for these settings; null when there are none. */
  static String write(Map<String, String> settings) {
    if (settings == null || settings.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(new TreeMap<>(settings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write settings", e);
    }
  }
}
