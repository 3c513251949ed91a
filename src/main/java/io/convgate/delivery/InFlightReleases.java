package io.convgate.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The release batches this instance is sending, by integration. When a rebalance takes an
 * integration's partition away, its batch under way stops starting calls (its ownership is gone)
 * and {@link SettleOnRevocation} waits until the batch has settled: the calls on the wire answered
 * and recorded, the deliveries not sent parked again. Only then may the new owner release the same
 * park, and it finds nothing claimed by a batch still sending (which it would have to count in
 * doubt and send again).
 */
@ApplicationScoped
public class InFlightReleases {

  /** One batch under way: its integration, and a future completed once it has settled. */
  static final class Batch {
    private final String integrationId;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    Batch(String integrationId) {
      this.integrationId = integrationId;
    }
  }

  private final Set<Batch> batches = new HashSet<>();

  /** Registers a batch; {@link #close} must follow once it has settled. */
  synchronized Batch open(String integrationId) {
    Batch batch = new Batch(integrationId);
    batches.add(batch);
    return batch;
  }

  synchronized void close(Batch batch) {
    batches.remove(batch);
    batch.settled.complete(null);
  }

  /**
   * @return for each batch under way whose integration {@code revoked} holds, a future completed
   *     when it has settled
   */
  synchronized List<CompletableFuture<Void>> holding(Predicate<String> revoked) {
    List<CompletableFuture<Void>> holding = new ArrayList<>();
    for (Batch batch : batches) {
      if (revoked.test(batch.integrationId)) {
        holding.add(batch.settled);
      }
    }
    return holding;
  }
}
