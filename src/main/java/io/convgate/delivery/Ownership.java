package io.convgate.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
    List<KafkaConsumer<Object, Object>> consumers =
        kafka.getConsumerChannels().stream()
            .filter(name -> name.equals(CHANNEL) || name.startsWith(CHANNEL + "$"))
            .flatMap(name -> kafka.<Object, Object>getConsumers(name).stream())
            .toList();
    if (integrationIds.isEmpty() || consumers.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    List<Uni<Set<TopicPartition>>> assignments =
        consumers.stream().map(KafkaConsumer::getAssignments).toList();
    return Uni.join()
        .all(assignments)
        .andFailFast()
        .chain(
            sets ->
                consumers
                    .get(0)
                    .partitionsFor(TOPIC)
                    .map(
                        partitions -> {
                          Set<TopicPartition> assigned = new HashSet<>();
                          sets.forEach(assigned::addAll);
                          return integrationIds.stream()
                              .filter(
                                  id ->
                                      assigned.contains(
                                          new TopicPartition(
                                              TOPIC, partition(id, partitions.size()))))
                              .collect(Collectors.toSet());
                        }));
  }

  /** The partition Kafka's default partitioner gives a record keyed by this integration id. */
  static int partition(String integrationId, int partitions) {
    return Utils.toPositive(Utils.murmur2(integrationId.getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }
}
