package io.convgate.delivery;

import io.convgate.pipeline.DeliveryCommand;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One poll of {@code convgate.deliveries} in flight (see {@link InFlightPolls}): which partition
 * each of its commands came from, and which partitions were taken from it by a rebalance.
 */
final class Poll {

  private final Set<Integer> partitions;
  private final Map<DeliveryCommand, Integer> partitionOf = new IdentityHashMap<>();
  private final Set<Integer> withdrawn = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> settled = new CompletableFuture<>();

  /**
   * @param partitions the partitions its records come from
   */
  Poll(Set<Integer> partitions) {
    this.partitions = Set.copyOf(partitions);
  }

  /** Remembers the partition a command was read from (before the commands are sent). */
  void read(DeliveryCommand command, int partition) {
    partitionOf.put(command, partition);
  }

  /**
   * @return the partition the command was read from, or -1 for a command of another poll
   */
  int partition(DeliveryCommand command) {
    return partitionOf.getOrDefault(command, -1);
  }

  /** Whether the command's partition was revoked: it must not be sent by this poll. */
  boolean withdrawn(DeliveryCommand command) {
    return !withdrawn.isEmpty() && withdrawn.contains(partition(command));
  }

  /** Whether the partition was revoked: none of its records may be claimed or sent by this poll. */
  boolean withdrawn(int partition) {
    return withdrawn.contains(partition);
  }

  /** The partitions revoked so far. */
  Set<Integer> withdrawnPartitions() {
    return Set.copyOf(withdrawn);
  }

  void withdraw(int partition) {
    withdrawn.add(partition);
  }

  /** Withdraws those of the partitions this poll holds; true when it holds any. */
  boolean withdrawAny(Set<Integer> revoked) {
    boolean holds = false;
    for (int partition : revoked) {
      if (partitions.contains(partition)) {
        withdrawn.add(partition);
        holds = true;
      }
    }
    return holds;
  }

  CompletableFuture<Void> settled() {
    return settled;
  }
}
