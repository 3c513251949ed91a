package io.convgate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer assigned every partition of one topic from its beginning (assigned, not subscribed: no
 * group to join, so nothing waits for a rebalance), read up to the topic's end as of each call.
 * What {@link TopicReader} and {@link DeadLetterReader} share.
 */
final class AssignedTopic<K> implements AutoCloseable {

  private final KafkaConsumer<K, byte[]> consumer;
  private final List<ConsumerRecord<K, byte[]>> seen = new ArrayList<>();

  AssignedTopic(KafkaConsumer<K, byte[]> consumer, String topic) {
    this.consumer = consumer;
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
