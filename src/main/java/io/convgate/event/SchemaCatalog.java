package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of contract v1 ({@code schemas/v1/*.json} on the classpath), loaded once and
 * turned into field-level errors whose paths are JSON pointers from the envelope root.
 */
public final class SchemaCatalog {

  private static final String ROOT = "schemas/v1/";

  private final JsonSchema envelope;
  private final Map<EventType, JsonSchema> dataSchemas = new EnumMap<>(EventType.class);

  public SchemaCatalog() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    envelope = load(factory, config, "envelope.json");
    for (EventType type : EventType.values()) {
      dataSchemas.put(type, load(factory, config, type.wireName() + ".json"));
    }
  }

  /** Errors in the envelope attributes (not in {@code data}), sorted by field. */
  public List<FieldError> validateEnvelope(JsonNode envelopeNode) {
    return toErrors("", envelope.validate(envelopeNode));
  }

  /** Errors in the data of one type, with fields prefixed by {@code /data}. */
  public List<FieldError> validateData(EventType type, JsonNode data) {
    return toErrors("/data", dataSchemas.get(type).validate(data));
  }

  private static List<FieldError> toErrors(String prefix, java.util.Set<ValidationMessage> found) {
    return found.stream()
        .map(m -> new FieldError(prefix + field(m), m.getError()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .toList();
  }

  private static String field(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    boolean names =
        "required".equals(message.getType()) || "additionalProperties".equals(message.getType());
    if (names && message.getProperty() != null) {
      return location + "/" + message.getProperty();
    }
    return location;
  }

  private static JsonSchema load(
      JsonSchemaFactory factory, SchemaValidatorsConfig config, String file) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + ROOT + file);
      }
      return factory.getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
