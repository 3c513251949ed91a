package io.convgate.pipeline;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;

/**
 * Which integrations this instance owns: those whose partition of {@code convgate.deliveries} (the
 * default partitioner's choice for the integration id as key) is assigned to one of its delivery
 * consumers. Only the owner releases an integration's parked deliveries, and only the owner reads
 * its key's data back (the read path, decision 0046), so one pacer holds each key's whole budget.
 *
 * <p>The assignment is kept here as the delivery consumers' rebalance listener reports it ({@code
 * delivery.SettleOnRevocation}), so a question costs nothing. Asking the consumers instead waited
 * for each one's poll to return (up to a second): every batch of a release waited that long, and an
 * integration that received an event a second never saw its park empty, so its hold never ended
 * (ReleaseEndsTest).
 */
@ApplicationScoped
public class DeliveryOwnership {

  public static final String TOPIC = "convgate.deliveries";

  private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
  private volatile int partitions;

  public Uni<Set<String>> owned(Set<String> integrationIds) {
    return Uni.createFrom().item(ownedNow(integrationIds));
  }

  /** The ids of these integrations that this instance owns at this moment. */
  public Set<String> ownedNow(Set<String> integrationIds) {
    return integrationIds.stream().filter(this::owns).collect(Collectors.toSet());
  }

  /** Whether this instance owns the integration at this moment. */
  public boolean owns(String integrationId) {
    return inPartitions(integrationId, assigned);
  }

  /** Whether the integration's partition is one of these (false before any assignment). */
  public boolean inPartitions(String integrationId, Set<Integer> these) {
    int count = partitions;
    return count > 0 && these.contains(partition(integrationId, count));
  }

  /**
   * A consumer of this instance was given these partitions of the topic, which has {@code
   * partitionCount} partitions in all.
   */
  public void assigned(Collection<Integer> given, int partitionCount) {
    partitions = partitionCount;
    assigned.addAll(given);
  }

  /** A consumer of this instance gave these partitions up (revoked or lost). */
  public void revoked(Collection<Integer> taken) {
    assigned.removeAll(taken);
  }

  /** The partition Kafka's default partitioner gives a record keyed by this integration id. */
  public static int partition(String integrationId, int partitions) {
    return Utils.toPositive(Utils.murmur2(integrationId.getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }
}
