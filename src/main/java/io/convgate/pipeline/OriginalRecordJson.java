package io.convgate.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON form of an {@link OriginalRecord}, where a command is stored as JSON (the park) or was
 * written as JSON by a version before the binary form: key, value and header values in base64.
 *
 * <p>{@code headers} is an object, name to value, as every earlier version wrote and reads it. An
 * object cannot hold a name twice, so when a name repeats the whole list also goes in {@code
 * headerList}, an array of {@code {"name", "value"}} in record order, which this reader prefers. An
 * earlier version ignores the member it does not know and reads the object, as before
 * (docs/decisions/0034).
 */
final class OriginalRecordJson {

  private OriginalRecordJson() {}

  static final class Writer extends StdSerializer<OriginalRecord> {
    Writer() {
      super(OriginalRecord.class);
    }

    @Override
    public void serialize(OriginalRecord record, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("topic", record.topic());
      gen.writeNumberField("partition", record.partition());
      gen.writeNumberField("offset", record.offset());
      if (record.key() != null) {
        gen.writeBinaryField("key", record.key());
      }
      if (record.value() != null) {
        gen.writeBinaryField("value", record.value());
      }
      HeaderList headers = record.headers();
      gen.writeObjectFieldStart("headers");
      for (int i = 0; i < headers.size(); i++) {
        if (isLastOfItsName(headers, i)) {
          writeValue(gen, headers.name(i), headers.value(i));
        }
      }
      gen.writeEndObject();
      if (headers.hasRepeatedName()) {
        gen.writeArrayFieldStart("headerList");
        for (int i = 0; i < headers.size(); i++) {
          gen.writeStartObject();
          gen.writeStringField("name", headers.name(i));
          writeValue(gen, "value", headers.value(i));
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      gen.writeEndObject();
    }

    private static boolean isLastOfItsName(HeaderList headers, int index) {
      for (int later = index + 1; later < headers.size(); later++) {
        if (headers.name(later).equals(headers.name(index))) {
          return false;
        }
      }
      return true;
    }

    private static void writeValue(JsonGenerator gen, String field, byte[] value)
        throws IOException {
      if (value == null) {
        gen.writeNullField(field);
      } else {
        gen.writeBinaryField(field, value);
      }
    }
  }

  static final class Reader extends StdDeserializer<OriginalRecord> {
    Reader() {
      super(OriginalRecord.class);
    }

    @Override
    public OriginalRecord deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      JsonNode topic = tree.path("topic");
      return new OriginalRecord(
          topic.isTextual() ? topic.asText() : null,
          tree.path("partition").asInt(),
          tree.path("offset").asLong(),
          bytes(tree.get("key")),
          bytes(tree.get("value")),
          headers(tree));
    }

    private static HeaderList headers(JsonNode tree) throws IOException {
      JsonNode list = tree.get("headerList");
      if (list != null && list.isArray()) {
        HeaderList.Builder headers = HeaderList.builder(list.size());
        for (JsonNode header : list) {
          headers.add(header.path("name").asText(), bytes(header.get("value")));
        }
        return headers.build();
      }
      JsonNode object = tree.path("headers");
      HeaderList.Builder headers = HeaderList.builder(object.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> header = it.next();
        headers.add(header.getKey(), bytes(header.getValue()));
      }
      return headers.build();
    }

    private static byte[] bytes(JsonNode node) throws IOException {
      return node == null || node.isNull() ? null : node.binaryValue();
    }
  }
}
