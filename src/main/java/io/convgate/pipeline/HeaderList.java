package io.convgate.pipeline;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record's headers as Kafka carries them: a list in record order, where a name may repeat and a
 * value may be null or any bytes. Immutable; held as two arrays, not an object per header, because
 * every event carries one (docs/decisions/0034).
 */
public final class HeaderList {

  public static final HeaderList EMPTY = new HeaderList(new String[0], new byte[0][]);

  private final String[] names;
  private final byte[][] values;

  private HeaderList(String[] names, byte[][] values) {
    this.names = names;
    this.values = values;
  }

  /** The headers of a Kafka record, in its order. */
  public static HeaderList of(Headers headers) {
    Header[] all = headers.toArray();
    if (all.length == 0) {
      return EMPTY;
    }
    String[] names = new String[all.length];
    byte[][] values = new byte[all.length][];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].key();
      values[i] = all[i].value();
    }
    return new HeaderList(names, values);
  }

  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int index) {
    return names[index];
  }

  /** The value of the header at this index, or null when it has none. Not a copy: do not change. */
  public byte[] value(int index) {
    return values[index];
  }

  /** Each header in order, repeats included. */
  public void forEach(BiConsumer<String, byte[]> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /** The value of the last header with this name (Kafka's {@code lastHeader}), or null. */
  public byte[] lastValue(String name) {
    for (int i = names.length - 1; i >= 0; i--) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** How many headers have this name. */
  public int count(String name) {
    int count = 0;
    for (String n : names) {
      if (n.equals(name)) {
        count++;
      }
    }
    return count;
  }

  /** Whether some name appears more than once. */
  public boolean hasRepeatedName() {
    for (int i = 1; i < names.length; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          return true;
        }
      }
    }
    return false;
  }

  /** As Kafka headers for a record to send, in this order. */
  public RecordHeaders toRecordHeaders() {
    RecordHeaders headers = new RecordHeaders();
    for (int i = 0; i < names.length; i++) {
      headers.add(names[i], values[i]);
    }
    return headers;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeaderList list
        && Arrays.equals(names, list.names)
        && Arrays.deepEquals(values, list.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.deepHashCode(values);
  }

  /** Names and sizes only: a header's value may be anything, so it is kept out of logs. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < names.length; i++) {
      text.append(i == 0 ? "" : ", ").append(names[i]);
      text.append(values[i] == null ? " (null)" : " (" + values[i].length + " bytes)");
    }
    return text.append(']').toString();
  }

  /** Collects headers in the order added. */
  public static final class Builder {
    private String[] names;
    private byte[][] values;
    private int size;

    private Builder(int expected) {
      names = new String[Math.max(expected, 0)];
      values = new byte[names.length][];
    }

    /**
     * @param value the bytes (not copied), or null for a header without a value
     */
    public Builder add(String name, byte[] value) {
      if (size == names.length) {
        names = Arrays.copyOf(names, Math.max(4, size * 2));
        values = Arrays.copyOf(values, names.length);
      }
      names[size] = Objects.requireNonNull(name, "a header has a name");
      values[size] = value;
      size++;
      return this;
    }

    public HeaderList build() {
      if (size == 0) {
        return EMPTY;
      }
      return size == names.length
          ? new HeaderList(names, values)
          : new HeaderList(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
    }
  }
}
