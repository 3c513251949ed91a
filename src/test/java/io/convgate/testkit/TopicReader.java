package io.convgate.testkit;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from its beginning (assigned, no group), as a warehouse sink would. */
public final class TopicReader implements AutoCloseable {

  private final AssignedTopic<String> topic;

  public TopicReader(String bootstrapServers, String topic) {
    this.topic =
        new AssignedTopic<>(
            bootstrapServers,
            topic,
            new StringDeserializer(),
            Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
  }

  /** Reads up to the topic's end as of now; every record read so far that matches. */
  public List<ConsumerRecord<String, byte[]>> matching(
      Predicate<ConsumerRecord<String, byte[]>> filter) {
    return topic.matching(filter);
  }

  @Override
  public void close() {
    topic.close();
  }
}
