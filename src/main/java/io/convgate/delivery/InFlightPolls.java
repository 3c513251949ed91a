package io.convgate.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The polls of {@code convgate.deliveries} this instance is working on, and the partitions a
 * rebalance took from them. A poll that loses a partition starts no more calls for that partition's
 * deliveries; {@link SettleOnRevocation} waits until each poll that held a revoked partition has
 * settled (outcomes recorded, unsent claims released).
 *
 * <p>A poll that reaches the stage only after a rebalance took its partition (it was read before,
 * and waited behind the unit in flight) is withdrawn from that partition as it opens, before it
 * claims anything: while no consumer of this instance holds the partition, and, once one is given
 * it again, when the poll was read in an earlier consumer-group generation than that assignment
 * (generations of the classic group protocol, which the delivery channel uses, are the group's).
 * Neither test needs the generation a partition was revoked in, which a lost partition (its member
 * fenced or expired) does not have.
 *
 * <p>The instance's delivery consumers share this record, so it keeps which of them holds each
 * partition: a consumer that reports a partition lost only once it rejoins, after the group has
 * given it to another consumer of this instance, gives up nothing.
 */
@ApplicationScoped
public class InFlightPolls {

  /**
   * What a revocation took from this instance.
   *
   * @param partitions the partitions the consumer held (the rest had gone to another consumer of
   *     this instance meanwhile)
   * @param settling for each poll in flight that holds any of them, a future completed when it has
   *     settled
   */
  record Revocation(Set<Integer> partitions, List<CompletableFuture<Void>> settling) {}

  private final Set<Poll> polls = new HashSet<>();
  private final Map<Integer, Integer> assignedInGeneration = new HashMap<>();
  private final Map<Integer, Object> holder = new HashMap<>();

  /**
   * Registers a poll; {@link #close} must follow once it has settled.
   *
   * @param partitions the partitions its records come from
   * @param generation the consumer-group generation it was read in (negative when unknown)
   */
  synchronized Poll open(Set<Integer> partitions, int generation) {
    Poll poll = new Poll(partitions);
    for (int partition : partitions) {
      Integer assigned = assignedInGeneration.get(partition);
      if (!holder.containsKey(partition)
          || (generation >= 0 && assigned != null && generation < assigned)) {
        poll.withdraw(partition);
      }
    }
    polls.add(poll);
    return poll;
  }

  /** The poll has settled: its outcomes are durable and its unsent claims released. */
  synchronized void close(Poll poll) {
    polls.remove(poll);
    poll.settled().complete(null);
  }

  /**
   * A consumer of this instance was given these partitions.
   *
   * @param consumer the consumer (its identity tells the instance's consumers apart)
   * @param generation the consumer-group generation of the assignment (negative when unknown)
   */
  synchronized void assigned(Object consumer, Set<Integer> partitions, int generation) {
    for (int partition : partitions) {
      holder.put(partition, consumer);
      if (generation >= 0) {
        assignedInGeneration.merge(partition, generation, Math::max);
      }
    }
  }

  /**
   * Withdraws the partitions the consumer still holds from the polls in flight, and from polls that
   * open later until the partitions are assigned again.
   */
  synchronized Revocation revoke(Object consumer, Set<Integer> partitions) {
    Set<Integer> taken = new HashSet<>();
    for (int partition : partitions) {
      Object current = holder.get(partition);
      if (current == null || current == consumer) {
        taken.add(partition);
        holder.remove(partition);
      }
    }
    List<CompletableFuture<Void>> settling = new ArrayList<>();
    if (!taken.isEmpty()) {
      for (Poll poll : polls) {
        if (poll.withdrawAny(taken)) {
          settling.add(poll.settled());
        }
      }
    }
    return new Revocation(Set.copyOf(taken), settling);
  }
}
