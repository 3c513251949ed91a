package io.convgate.destination;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON document held as its UTF-8 bytes, written into and read from an enclosing JSON document as
 * the nested value it is (not as base64): the readable form of a {@link OutboundCall}'s body, kept
 * where a command is stored as JSON (the park).
 */
public final class RawJson {

  private RawJson() {}

  public static final class Writer extends StdSerializer<byte[]> {
    public Writer() {
      super(byte[].class);
    }

    @Override
    public void serialize(byte[] value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(new String(value, StandardCharsets.UTF_8));
    }
  }

  public static final class Reader extends StdDeserializer<byte[]> {
    public Reader() {
      super(byte[].class);
    }

    @Override
    public byte[] deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode tree = context.readTree(parser);
      // a JsonNode's text is its JSON form (compact, valid JSON since Jackson 2.10)
      return tree.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
