package io.convgate.testkit;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A plain Kafka producer, as a billing service would use. */
public final class Producers {

  private Producers() {}

  public static KafkaProducer<byte[], byte[]> create(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /**
   * A transactional producer, as a billing service writing through an outbox would use; {@code
   * initTransactions()} has been called.
   */
  public static KafkaProducer<byte[], byte[]> transactional(
      String bootstrapServers, String transactionalId) {
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    producer.initTransactions();
    return producer;
  }
}
