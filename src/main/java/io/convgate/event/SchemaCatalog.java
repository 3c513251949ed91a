package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
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

  /**
   * The keyword under which a schema words its own message for a rule, where the validator's would
   * only repeat the rule's regular expression.
   */
  static final String MESSAGE_KEYWORD = "message";

  /** JSON Schema 2020-12, with {@code uri-reference} checked by {@link UriReference}. */
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          factory ->
              factory.metaSchema(
                  JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                      .format(new UriReferenceFormat())
                      .build()));

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
        "required".equals(message.getType())
            || "additionalProperties".equals(message.getType())
            || "propertyNames".equals(message.getType());
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

  /**
   * The full validator of a schema: JSON pointers for paths, formats asserted, patterns run as
   * {@link Patterns} runs them.
   */
  static JsonSchema fullValidator(JsonNode schema) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .errorMessageKeyword(MESSAGE_KEYWORD)
            .regularExpressionFactory(regex -> Patterns.find(regex)::test)
            .build();
    return FACTORY.getSchema(schema, config);
  }

  /** The validator's {@code uri-reference} format, RFC 3986 to the letter and ASCII only. */
  private static final class UriReferenceFormat implements Format {
    @Override
    public String getName() {
      return "uri-reference";
    }

    @Override
    public String getMessageKey() {
      return "format.uri-reference";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
      return UriReference.isValid(value);
    }
  }

  /** Whether every schema has a quick test (a schema with an unknown keyword has none). */
  boolean allHaveQuickTests() {
    return envelope.quick() != null
        && dataSchemas.values().stream().allMatch(schema -> schema.quick() != null);
  }
}
