package io.convgate.sync;

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
 * The integrations whose deliveries this instance owns (their partition of {@code
 * convgate.deliveries} is assigned to its delivery consumer): only their reads run here, so one
 * pacer holds each key's whole budget (decision 0046). The same rule as the delivery stage's
 * releases, which the architecture keeps out of reach of other packages.
 */
@ApplicationScoped
public class SyncOwnership {

  private static final String CHANNEL = "deliveries-in";
  private static final String TOPIC = "convgate.deliveries";

  private final KafkaClientService kafka;

  public SyncOwnership(KafkaClientService kafka) {
    this.kafka = kafka;
  }

  Uni<Set<String>> owned(Set<String> integrationIds) {
    List<KafkaConsumer<Object, Object>> consumers =
        kafka.getConsumerChannels().stream()
            .filter(name -> name.equals(CHANNEL) || name.startsWith(CHANNEL + "$"))
            .flatMap(name -> kafka.<Object, Object>getConsumers(name).stream())
            .toList();
    if (integrationIds.isEmpty() || consumers.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return Uni.join()
        .all(consumers.stream().map(KafkaConsumer::getAssignments).toList())
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

  static int partition(String integrationId, int partitions) {
    return Utils.toPositive(Utils.murmur2(integrationId.getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }
}
