package io.convgate.pipeline;

import io.convgate.destination.OutboundCall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary form of a {@link DeliveryCommand} on {@code convgate.deliveries}: length-prefixed
 * fields, the Hyros body and the original record carried as the bytes they are. Writing and reading
 * it costs a copy, where the JSON form cost a tree for the body and base64 for the record both ways
 * (docs/decisions/0014).
 *
 * <p>Layout, version 2: the bytes {@code 0x00 0x02}, then the integration id, the destination kind,
 * the command's other text fields, the call (operation name, target, parameter, body) and the
 * original record (topic, partition, offset, key, value, headers). A text or byte field is an int
 * length (-1 for null) and its bytes; text is UTF-8. The headers are an int count, then each
 * header's name and value in record order; a name may repeat (docs/decisions/0034). The leading
 * zero byte cannot begin JSON, so a reader tells the two forms apart.
 *
 * <p>Version 1 ({@code 0x00 0x01}) is version 2 without the destination kind: written before kinds
 * existed, still read (as a Hyros call) so commands on the topic at an upgrade are not lost
 * (docs/decisions/0051).
 */
public final class CommandCodec {

  private static final byte MARK = 0;
  private static final byte VERSION = 2;
  private static final byte VERSION_WITHOUT_KIND = 1;

  private CommandCodec() {}

  /** Whether these bytes are in this form (not JSON). */
  public static boolean isBinary(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == MARK;
  }

  public static byte[] encode(DeliveryCommand command) {
    Writer out = new Writer(estimatedSize(command));
    out.raw(MARK);
    out.raw(VERSION);
    out.text(command.integrationId());
    out.text(command.destination());
    out.text(command.idempotencyKey());
    out.text(command.orderingKey());
    out.text(command.eventId());
    out.text(command.eventType());
    out.text(command.eventTime());
    OutboundCall call = command.call();
    out.text(call.operation());
    out.text(call.target());
    out.text(call.parameter());
    out.bytes(call.body());
    OriginalRecord original = command.original();
    out.text(original.topic());
    out.integer(original.partition());
    out.longInteger(original.offset());
    out.bytes(original.key());
    out.bytes(original.value());
    HeaderList headers = original.headers();
    out.integer(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      out.text(headers.name(i));
      out.bytes(headers.value(i));
    }
    return out.toByteArray();
  }

  /**
   * The encoded size when every text is ASCII (the usual case), so the buffer is allocated once:
   * growing it by doubling was a twentieth of the gateway's allocation per event.
   */
  private static int estimatedSize(DeliveryCommand command) {
    int size = 128;
    for (String text :
        new String[] {
          command.integrationId(),
          command.destination(),
          command.idempotencyKey(),
          command.orderingKey(),
          command.eventId(),
          command.eventType(),
          command.eventTime(),
          command.call().target(),
          command.call().parameter(),
          command.original().topic()
        }) {
      size += text == null ? 0 : text.length();
    }
    size += length(command.call().body());
    size += length(command.original().key()) + length(command.original().value());
    HeaderList headers = command.original().headers();
    for (int i = 0; i < headers.size(); i++) {
      size += 8 + headers.name(i).length() + length(headers.value(i));
    }
    return size;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a command in this form (wrong version,
   *     truncated)
   */
  public static DeliveryCommand decode(byte[] bytes) {
    try {
      Reader in = new Reader(bytes);
      if (in.raw() != MARK) {
        throw new IllegalArgumentException("not a binary delivery command");
      }
      byte version = in.raw();
      if (version != VERSION && version != VERSION_WITHOUT_KIND) {
        throw new IllegalArgumentException("unknown delivery command version " + version);
      }
      String integrationId = in.text();
      // a version 1 command has no kind: the command's constructor makes it Hyros'
      String destination = version == VERSION ? in.text() : null;
      String idempotencyKey = in.text();
      String orderingKey = in.text();
      String eventId = in.text();
      String eventType = in.text();
      String eventTime = in.text();
      OutboundCall call = new OutboundCall(in.text(), in.text(), in.text(), in.bytes());
      String topic = in.text();
      int partition = in.integer();
      long offset = in.longInteger();
      byte[] key = in.bytes();
      byte[] value = in.bytes();
      int count = in.integer();
      if (count < 0 || count > in.remaining() / 8) {
        // each header takes at least its two lengths: a count beyond that is damage, not a size
        throw new IllegalArgumentException("a header count the delivery command cannot hold");
      }
      HeaderList.Builder headers = HeaderList.builder(count);
      for (int i = 0; i < count; i++) {
        String name = in.text();
        if (name == null) {
          throw new IllegalArgumentException("a header without a name");
        }
        headers.add(name, in.bytes());
      }
      if (!in.atEnd()) {
        throw new IllegalArgumentException("trailing bytes after the delivery command");
      }
      return new DeliveryCommand(
          integrationId,
          destination,
          idempotencyKey,
          orderingKey,
          eventId,
          eventType,
          eventTime,
          call,
          new OriginalRecord(topic, partition, offset, key, value, headers.build()));
    } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated delivery command", e);
    }
  }

  private static final class Writer {
    private byte[] buffer;
    private int size;

    Writer(int capacity) {
      buffer = new byte[capacity];
    }

    void raw(byte b) {
      ensure(1);
      buffer[size++] = b;
    }

    void integer(int value) {
      ensure(4);
      buffer[size++] = (byte) (value >>> 24);
      buffer[size++] = (byte) (value >>> 16);
      buffer[size++] = (byte) (value >>> 8);
      buffer[size++] = (byte) value;
    }

    void longInteger(long value) {
      integer((int) (value >>> 32));
      integer((int) value);
    }

    void text(String value) {
      bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] value) {
      if (value == null) {
        integer(-1);
        return;
      }
      integer(value.length);
      ensure(value.length);
      System.arraycopy(value, 0, buffer, size, value.length);
      size += value.length;
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }
  }

  private static final class Reader {
    private final byte[] buffer;
    private int position;

    Reader(byte[] buffer) {
      this.buffer = buffer;
    }

    byte raw() {
      return buffer[position++];
    }

    int integer() {
      int value =
          (buffer[position] & 0xff) << 24
              | (buffer[position + 1] & 0xff) << 16
              | (buffer[position + 2] & 0xff) << 8
              | (buffer[position + 3] & 0xff);
      position += 4;
      return value;
    }

    long longInteger() {
      long high = integer() & 0xffffffffL;
      long low = integer() & 0xffffffffL;
      return high << 32 | low;
    }

    String text() {
      int length = length();
      if (length < 0) {
        return null;
      }
      String value = new String(buffer, position, length, StandardCharsets.UTF_8);
      position += length;
      return value;
    }

    byte[] bytes() {
      int length = length();
      if (length < 0) {
        return null;
      }
      byte[] value = Arrays.copyOfRange(buffer, position, position + length);
      position += length;
      return value;
    }

    private int length() {
      int length = integer();
      if (length < -1 || length > buffer.length - position) {
        throw new IllegalArgumentException("a field's length runs past the delivery command");
      }
      return length;
    }

    int remaining() {
      return buffer.length - position;
    }

    boolean atEnd() {
      return position == buffer.length;
    }
  }
}
