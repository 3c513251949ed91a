package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;

/**
 * The JSON Schemas of contract v1 ({@code schemas/v1/*.json} on the classpath), loaded once and
 * turned into field-level errors whose paths are JSON pointers from the envelope root. A value the
 * schema's quick test ({@link FastSchema}) accepts is valid without running the full validator;
 * every other value gets the full validator's verdict and messages.
 */
public final class SchemaCatalog {

  private static final String ROOT = "schemas/v1/";
  static final String ENVELOPE = "envelope.json";
  private static final ObjectMapper SCHEMA_READER = new ObjectMapper();

  private final Checked envelope;
  private final Map<EventType, Checked> dataSchemas = new EnumMap<>(EventType.class);

  /** One schema: its quick test, if it has one, and the full validator. */
  private record Checked(FastSchema quick, JsonSchema full) {
    Set<ValidationMessage> validate(JsonNode value) {
      return quick != null && quick.certainlyValid(value) ? Set.of() : full.validate(value);
    }
  }

  public SchemaCatalog() {
    envelope = load(ENVELOPE);
    for (EventType type : EventType.values()) {
      dataSchemas.put(type, load(dataFile(type)));
    }
  }

  static String dataFile(EventType type) {
    return type.wireName() + ".json";
  }

  /** Errors in the envelope attributes (not in {@code data}), sorted by field. */
  public List<FieldError> validateEnvelope(JsonNode envelopeNode) {
    return toErrors("", envelope.validate(envelopeNode));
  }

  /** Errors in the data of one type, with fields prefixed by {@code /data}. */
  public List<FieldError> validateData(EventType type, JsonNode data) {
    return toErrors("/data", dataSchemas.get(type).validate(data));
  }

  private static List<FieldError> toErrors(String prefix, Set<ValidationMessage> found) {
    if (found.isEmpty()) {
      return List.of();
    }
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

  private static Checked load(String file) {
    JsonNode schema = read(file);
    return new Checked(FastSchema.of(schema).orElse(null), fullValidator(schema));
  }

  /** A schema file of contract v1, as JSON. */
  static JsonNode read(String file) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + ROOT + file);
      }
      return SCHEMA_READER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The full validator of a schema: JSON pointers for paths, formats asserted. */
  static JsonSchema fullValidator(JsonNode schema) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
  }

  /** Whether every schema has a quick test (a schema with an unknown keyword has none). */
  boolean allHaveQuickTests() {
    return envelope.quick() != null
        && dataSchemas.values().stream().allMatch(schema -> schema.quick() != null);
  }
}
