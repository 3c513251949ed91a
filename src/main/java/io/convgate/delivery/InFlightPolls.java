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
 * <p>A partition is marked revoked together with the consumer-group generation it was revoked in.
 * Polls read in that generation or before are withdrawn from it, also one that reaches the stage
 * only after the rebalance; polls read after the partition is assigned again (a later generation)
 * are not.
 */
@ApplicationScoped
public class InFlightPolls {

  private final Set<Poll> polls = new HashSet<>();
  private final Map<Integer, Integer> revokedInGeneration = new HashMap<>();

  /**
   * Registers a poll; {@link #close} must follow once it has settled.
   *
   * @param partitions the partitions its records come from
   * @param generation the consumer-group generation it was read in (negative when unknown)
   */
  synchronized Poll open(Set<Integer> partitions, int generation) {
    Poll poll = new Poll(partitions);
    if (generation >= 0) {
      for (int partition : partitions) {
        Integer revoked = revokedInGeneration.get(partition);
        if (revoked != null && generation <= revoked) {
          poll.withdraw(partition);
        }
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
   * Withdraws these partitions from the polls in flight.
   *
   * @param generation the consumer-group generation they were revoked in (negative when unknown)
   * @return for each poll that holds any of them, a future completed when it has settled
   */
  synchronized List<CompletableFuture<Void>> revoke(Set<Integer> partitions, int generation) {
    if (generation >= 0) {
      partitions.forEach(p -> revokedInGeneration.merge(p, generation, Math::max));
    }
    List<CompletableFuture<Void>> holding = new ArrayList<>();
    for (Poll poll : polls) {
      if (poll.withdrawAny(partitions)) {
        holding.add(poll.settled());
      }
    }
    return holding;
  }
}
