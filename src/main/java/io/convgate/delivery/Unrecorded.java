package io.convgate.delivery;

import io.convgate.ledger.LedgerKey;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries this instance has claimed and whose outcome is not yet recorded, with when it will
 * be. While a unit records its outcomes the next one already claims: a repeat of a key still being
 * recorded would find its row {@code CLAIMED} and take it for a delivery in doubt, and send it
 * again. So a unit that holds such a key claims only once the unit recording it is done, and then
 * finds the row finished and skips it.
 */
final class Unrecorded {

  private final Map<LedgerKey, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

  /**
   * Registers a unit's keys until {@link #done}.
   *
   * @param recorded completes once the unit has recorded its outcomes
   * @return when the units already holding any of these keys will have recorded theirs
   */
  List<CompletableFuture<Void>> register(
      Collection<LedgerKey> keys, CompletableFuture<Void> recorded) {
    List<CompletableFuture<Void>> earlier = new ArrayList<>();
    for (LedgerKey key : keys) {
      CompletableFuture<Void> other = pending.put(key, recorded);
      if (other != null && !other.isDone()) {
        earlier.add(other);
      }
    }
    return earlier;
  }

  /** Waits for the futures {@link #register} returned (at once when there are none). */
  Uni<Void> await(List<CompletableFuture<Void>> earlier) {
    if (earlier.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .completionStage(CompletableFuture.allOf(earlier.toArray(CompletableFuture[]::new)));
  }

  /**
   * The unit has recorded its outcomes, or failed ({@code failure} not null): its keys no longer
   * make others wait. A unit waiting for a failed one fails too, rather than claim a key whose
   * outcome may be unrecorded and send it again as in doubt.
   */
  void done(Collection<LedgerKey> keys, CompletableFuture<Void> recorded, Throwable failure) {
    for (LedgerKey key : keys) {
      pending.remove(key, recorded);
    }
    if (failure == null) {
      recorded.complete(null);
    } else {
      recorded.completeExceptionally(failure);
    }
  }
}
