package io.convgate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.pipeline.HeaderList;
import io.convgate.support.LogSafe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one Kafka record (value and headers) into a {@link ConversionEvent}, or explains why it
 * cannot. Accepts CloudEvents structured mode (the value is the whole envelope) and binary mode
 * (attributes in {@code ce_*} headers, the value is the data).
 */
public final class EventDecoder {

  /** Header that marks binary mode, per the CloudEvents Kafka protocol binding. */
  public static final String BINARY_MODE_HEADER = "ce_specversion";

  private static final String HEADER_PREFIX = "ce_";

  private final ObjectMapper json;
  private final ObjectReader strict;
  private final SchemaCatalog schemas;
  private final List<DataRule> rules;

  public EventDecoder(ObjectMapper json, SchemaCatalog schemas, List<DataRule> rules) {
    this.json = json;
    this.strict = DuplicateNames.strictReader(json);
    this.schemas = schemas;
    this.rules = List.copyOf(rules);
  }

  /**
   * @param value the record value, exactly as read
   * @param headers the record's headers, in record order
   */
  public ConversionEvent decode(byte[] value, HeaderList headers) throws InvalidEventException {
    boolean binary = isBinaryMode(headers);
    ObjectNode envelope = binary ? binaryEnvelope(value, headers) : structuredEnvelope(value);
    try {
      if (binary) {
        rejectRepeatedAttributes(headers);
      }
      return decode(envelope);
    } catch (InvalidEventException e) {
      throw e.withIdentity(
          new EventIdentity(
              text(envelope, "id"),
              text(envelope, "type"),
              text(envelope, "integration"),
              text(envelope, "source")));
    }
  }

  /** As {@link #decode(byte[], HeaderList)}, for headers held as text, one value per name. */
  public ConversionEvent decode(byte[] value, Map<String, String> headers)
      throws InvalidEventException {
    HeaderList.Builder list = HeaderList.builder(headers.size());
    headers.forEach(
        (name, text) ->
            list.add(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
    return decode(value, list.build());
  }

  /** Binary mode when the record carries {@code ce_specversion} with a value. */
  private static boolean isBinaryMode(HeaderList headers) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.name(i).equals(BINARY_MODE_HEADER) && headers.value(i) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * A {@code ce_*} header that appears twice gives its attribute two values: which one the producer
   * meant cannot be known, so the event is refused rather than one of them guessed at.
   */
  private static void rejectRepeatedAttributes(HeaderList headers) throws InvalidEventException {
    List<FieldError> errors = null;
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (!name.startsWith(HEADER_PREFIX)
          || !appearsAfter(headers, i)
          || !isFirstOfItsName(headers, i)) {
        continue;
      }
      errors = errors == null ? new ArrayList<>() : errors;
      errors.add(
          new FieldError(
              "/" + name.substring(HEADER_PREFIX.length()),
              "the header "
                  + name
                  + " appears "
                  + headers.count(name)
                  + " times; a CloudEvents attribute takes one value, so send it once"));
    }
    if (errors != null) {
      throw new InvalidEventException(RejectionReason.INVALID_ENVELOPE, errors);
    }
  }

  private static boolean appearsAfter(HeaderList headers, int index) {
    for (int later = index + 1; later < headers.size(); later++) {
      if (headers.name(later).equals(headers.name(index))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFirstOfItsName(HeaderList headers, int index) {
    for (int earlier = 0; earlier < index; earlier++) {
      if (headers.name(earlier).equals(headers.name(index))) {
        return false;
      }
    }
    return true;
  }

  private static String text(ObjectNode envelope, String field) {
    JsonNode node = envelope.get(field);
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private ConversionEvent decode(ObjectNode envelope) throws InvalidEventException {
    List<FieldError> errors = new ArrayList<>(schemas.validateEnvelope(envelope));
    if (!errors.isEmpty()) {
      throw new InvalidEventException(RejectionReason.INVALID_ENVELOPE, errors);
    }
    String typeName = envelope.get("type").asText();
    EventType type =
        EventType.fromWireName(typeName)
            .orElseThrow(
                () ->
                    new InvalidEventException(
                        RejectionReason.UNKNOWN_TYPE,
                        "/type",
                        "unknown event type '"
                            + LogSafe.of(typeName)
                            + "'; expected one of "
                            + knownTypes()));
    OffsetDateTime time = parseTime(envelope.get("time").asText());
    JsonNode data = envelope.get("data");
    errors.addAll(schemas.validateData(type, data));
    rules.stream().filter(r -> r.appliesTo(type)).forEach(r -> errors.addAll(r.check(data)));
    if (!errors.isEmpty()) {
      throw new InvalidEventException(RejectionReason.INVALID_DATA, errors);
    }
    return new ConversionEvent(
        envelope.get("id").asText(),
        envelope.get("source").asText(),
        type,
        time,
        envelope.hasNonNull("subject") ? envelope.get("subject").asText() : null,
        envelope.hasNonNull("integration") ? envelope.get("integration").asText() : null,
        data);
  }

  private ObjectNode structuredEnvelope(byte[] value) throws InvalidEventException {
    JsonNode node = parseJson(value, "");
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidEventException(
          RejectionReason.INVALID_ENVELOPE,
          "",
          "the value must be a JSON object (a CloudEvents structured envelope), or the record must"
              + " carry ce_* headers (binary mode)");
    }
    return object;
  }

  private ObjectNode binaryEnvelope(byte[] value, HeaderList headers) throws InvalidEventException {
    ObjectNode envelope = json.createObjectNode();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      if (name.startsWith(HEADER_PREFIX) && headers.value(i) != null) {
        envelope.put(
            name.substring(HEADER_PREFIX.length()),
            new String(headers.value(i), StandardCharsets.UTF_8));
      }
    }
    envelope.set("data", parseJson(value, "/data"));
    return envelope;
  }

  /**
   * @param at where the value sits in the envelope ({@code ""} in structured mode, {@code /data} in
   *     binary mode), for the pointer of a repeated member name
   */
  private JsonNode parseJson(byte[] value, String at) throws InvalidEventException {
    if (value == null || value.length == 0) {
      throw new InvalidEventException(RejectionReason.NOT_JSON, "", "the record value is empty");
    }
    if (!Utf8.isWellFormed(value)) {
      throw new InvalidEventException(
          RejectionReason.NOT_JSON, "", "the record value is not UTF-8 text");
    }
    for (int i = 0; i < Math.min(4, value.length); i++) {
      // JSON in UTF-8 never holds a raw NUL; checked here because the parser would otherwise
      // take zero bytes at the start for UTF-16 or UTF-32 and read the value in that encoding
      if (value[i] == 0) {
        throw new InvalidEventException(
            RejectionReason.NOT_JSON, "", "the record value is not valid JSON: a NUL byte");
      }
    }
    try {
      return strict.readTree(value);
    } catch (JsonProcessingException e) {
      Optional<String> repeated = DuplicateNames.pointer(e);
      if (repeated.isPresent()) {
        String field = at + repeated.get();
        throw new InvalidEventException(
            field.startsWith("/data")
                ? RejectionReason.INVALID_DATA
                : RejectionReason.INVALID_ENVELOPE,
            field,
            DuplicateNames.message());
      }
      throw new InvalidEventException(
          RejectionReason.NOT_JSON,
          "",
          "the record value is not valid JSON: "
              + LogSafe.of(e.getOriginalMessage(), LogSafe.TEXT));
    } catch (IOException e) {
      throw new InvalidEventException(
          RejectionReason.NOT_JSON,
          "",
          "the record value cannot be read: " + LogSafe.of(e.getMessage()));
    }
  }

  private static OffsetDateTime parseTime(String text) throws InvalidEventException {
    try {
      return Rfc3339.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          RejectionReason.INVALID_ENVELOPE,
          "/time",
          "not a valid RFC 3339 timestamp with offset: '" + LogSafe.of(text) + "'");
    }
  }

  private static List<String> knownTypes() {
    return java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList();
  }
}
