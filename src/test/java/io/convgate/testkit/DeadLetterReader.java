package io.convgate.testkit;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the dead-letter topic from the start, as an operator's tool would. */
public final class DeadLetterReader implements AutoCloseable {

  public static final String TOPIC = "convgate.dead-letter";

  private final AssignedTopic<byte[]> topic;

  public DeadLetterReader(String bootstrapServers) {
    topic = new AssignedTopic<>(bootstrapServers, TOPIC, new ByteArrayDeserializer(), Map.of());
  }

  /**
   * Reads the topic up to its end as of this call (not just one poll, so "nothing matches" means
   * nothing is there) and returns every record read so far that matches.
   */
  public List<ConsumerRecord<byte[], byte[]>> matching(
      Predicate<ConsumerRecord<byte[], byte[]>> filter) {
    return topic.matching(filter);
  }

  /**
   * Waits up to {@code within} for the dead letter with this key and returns it; fails if there is
   * none by then, or more than one.
   */
  public ConsumerRecord<byte[], byte[]> only(String key, Duration within) {
    Predicate<ConsumerRecord<byte[], byte[]>> withKey = r -> key.equals(key(r));
    await().atMost(within).until(() -> !matching(withKey).isEmpty());
    List<ConsumerRecord<byte[], byte[]>> letters = matching(withKey);
    if (letters.size() != 1) {
      throw new AssertionError(letters.size() + " dead letters with key " + key + ", not one");
    }
    return letters.get(0);
  }

  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static String key(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    topic.close();
  }
}
