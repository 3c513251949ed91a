package io.convgate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A consumer assigned every partition of one topic from its beginning (assigned, not subscribed: no
 * group to join, so nothing waits for a rebalance), read up to the topic's end as of each call.
 * What {@link TopicReader} and {@link DeadLetterReader} share.
 */
final class AssignedTopic<K> implements AutoCloseable {

  private final KafkaConsumer<K, byte[]> consumer;
  private final List<ConsumerRecord<K, byte[]>> seen = new ArrayList<>();

  /**
   * @param keys how the records' keys are read
   * @param settings consumer settings beyond the address, a throwaway group and no commits
   */
  AssignedTopic(
      String bootstrapServers, String topic, Deserializer<K> keys, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(config, keys, new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Reads the topic up to its end as of this call (not just one poll, so "nothing matches" means
   * nothing is there) and returns every record read so far that matches.
   */
  List<ConsumerRecord<K, byte[]>> matching(Predicate<ConsumerRecord<K, byte[]>> filter) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // Polls only while short of the end: a poll with nothing left to read would wait out its
    // whole timeout.
    while (!caughtUp(ends) && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().filter(filter).toList();
  }

  private boolean caughtUp(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
