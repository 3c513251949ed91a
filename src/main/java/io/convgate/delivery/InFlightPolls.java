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
 * claims anything: while the partition stays revoked, and, once a consumer of this instance is
 * given the partition again, when the poll was read in an earlier consumer-group generation than
 * that assignment. Neither test needs the generation a partition was revoked in, which a lost
 * partition (its member fenced or expired) does not have.
 */
@ApplicationScoped
public class InFlightPolls {

  private final Set<Poll> polls = new HashSet<>();
  private final Set<Integer> revoked = new HashSet<>();
  private final Map<Integer, Integer> assignedInGeneration = new HashMap<>();

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
      if (revoked.contains(partition)
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
   * @param generation the consumer-group generation of the assignment (negative when unknown)
   */
  synchronized void assigned(Set<Integer> partitions, int generation) {
    revoked.removeAll(partitions);
    if (generation >= 0) {
      partitions.forEach(p -> assignedInGeneration.merge(p, generation, Math::max));
    }
  }

  /**
   * Withdraws these partitions from the polls in flight, and from polls that open later until the
   * partitions are assigned again.
   *
   * @return for each poll that holds any of them, a future completed when it has settled
   */
  synchronized List<CompletableFuture<Void>> revoke(Set<Integer> partitions) {
    revoked.addAll(partitions);
    List<CompletableFuture<Void>> holding = new ArrayList<>();
    for (Poll poll : polls) {
      if (poll.withdrawAny(partitions)) {
        holding.add(poll.settled());
      }
    }
    return holding;
  }
}
