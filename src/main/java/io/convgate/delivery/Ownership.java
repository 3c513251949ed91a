package io.convgate.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which integrations this instance owns: those whose partition of {@code convgate.deliveries} (the
 * default partitioner's choice for the integration id as key) is assigned to its delivery consumer.
 * Only the owner releases an integration's parked deliveries.
 */
@ApplicationScoped
public class Ownership {

  static final String CHANNEL = "deliveries-in";
  static final String TOPIC = "convgate.deliveries";

  private final KafkaClientService kafka;

  public Ownership(KafkaClientService kafka) {
    this.kafka = kafka;
  }

  public Uni<Set<String>> owned(Set<String> integrationIds) {
    if (integrationIds.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    KafkaConsumer<Object, Object> consumer = kafka.getConsumer(CHANNEL);
    if (consumer == null) {
      return Uni.createFrom().item(Set.of());
    }
    return consumer
        .getAssignments()
        .chain(
            assigned ->
                consumer
                    .partitionsFor(TOPIC)
                    .map(
                        partitions ->
                            integrationIds.stream()
                                .filter(
                                    id ->
                                        assigned.contains(
                                            new TopicPartition(
                                                TOPIC, partition(id, partitions.size()))))
                                .collect(Collectors.toSet())));
  }

  /** The partition Kafka's default partitioner gives a record keyed by this integration id. */
  static int partition(String integrationId, int partitions) {
    return Utils.toPositive(Utils.murmur2(integrationId.getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }
}
