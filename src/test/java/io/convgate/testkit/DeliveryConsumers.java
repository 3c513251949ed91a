package io.convgate.testkit;

import static org.awaitility.Awaitility.await;

import io.convgate.pipeline.DeliveryOwnership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The delivery consumers of the running application and the partitions of {@code
 * convgate.deliveries} each one owns, read from the broker; and integration ids whose deliveries
 * land on a chosen one. A consumer works one poll at a time, and a poll waits for its slowest
 * integration's tokens (decision 0060): scenarios that run at once in one application and measure
 * pace put their integrations on different consumers, so that one's backlog cannot set another's
 * pace.
 */
public final class DeliveryConsumers {

  private static final String GROUP = "convgate-delivery";
  private static final String TOPIC = "convgate.deliveries";

  /** The application's delivery consumers (mp.messaging.incoming.deliveries-in.concurrency). */
  private static final int CONSUMERS = 4;

  private final List<Set<Integer>> partitionsByConsumer;
  private final int partitions;

  private DeliveryConsumers(List<Set<Integer>> partitionsByConsumer, int partitions) {
    this.partitionsByConsumer = partitionsByConsumer;
    this.partitions = partitions;
  }

  /** Waits until every consumer of the group has its partitions, then reads who owns which. */
  public static DeliveryConsumers of(TestStack stack) {
    AtomicReference<DeliveryConsumers> found = new AtomicReference<>();
    try (AdminClient admin =
        AdminClient.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      int partitions =
          admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                ConsumerGroupDescription group =
                    admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                List<Set<Integer>> owned = new ArrayList<>();
                group.members().stream()
                    .sorted(Comparator.comparing(MemberDescription::consumerId))
                    .forEach(
                        m -> {
                          Set<Integer> mine = new TreeSet<>();
                          m.assignment().topicPartitions().stream()
                              .filter(tp -> tp.topic().equals(TOPIC))
                              .forEach(tp -> mine.add(tp.partition()));
                          owned.add(mine);
                        });
                int assigned = owned.stream().mapToInt(Set::size).sum();
                boolean settled =
                    owned.size() == CONSUMERS
                        && assigned == partitions
                        && owned.stream().noneMatch(Set::isEmpty);
                if (settled) {
                  found.set(new DeliveryConsumers(List.copyOf(owned), partitions));
                }
                return settled;
              });
      return found.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the delivery group from the broker", e);
    }
  }

  /** How many delivery consumers the application runs. */
  public int count() {
    return partitionsByConsumer.size();
  }

  /** A new integration id, {@code prefix-…}, whose deliveries go to consumer {@code consumer}. */
  public String id(String prefix, int consumer) {
    return idOn(prefix, partitionsByConsumer.get(consumer));
  }

  /** A new integration id, {@code prefix-…}, whose deliveries share {@code other}'s partition. */
  public String idBeside(String prefix, String other) {
    return idOn(prefix, Set.of(DeliveryOwnership.partition(other, partitions)));
  }

  private String idOn(String prefix, Set<Integer> wanted) {
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; ; i++) {
      String id = prefix + "-" + run + "-" + i;
      if (wanted.contains(DeliveryOwnership.partition(id, partitions))) {
        return id;
      }
    }
  }
}
