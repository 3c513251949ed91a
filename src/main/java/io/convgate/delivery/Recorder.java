package io.convgate.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Settles a poll's results as they come, in small batches (every {@code batchSize} results, or
 * {@code interval} after the first unsettled one), one settlement after the other. A crash can then
 * leave at most one such batch, plus the calls on the wire, sent but unrecorded — the calls that
 * may reach Hyros twice — instead of a whole poll.
 */
final class Recorder {

  private final Settlement settlement;
  private final Mode mode;
  private final Vertx vertx;
  private final int batchSize;
  private final Duration interval;
  private final List<Result> results = new ArrayList<>();
  private List<Result> pending = new ArrayList<>();
  private CompletableFuture<Void> settled;
  private long timer = -1;

  Recorder(Settlement settlement, Mode mode, Vertx vertx, int batchSize, Duration interval) {
    this(settlement, mode, vertx, batchSize, interval, CompletableFuture.completedFuture(null));
  }

  /**
   * @param after the first batch is settled only once this completes (the previous unit's
   *     outcomes), so a consumer's outcomes and parks are recorded in the order of its units
   */
  Recorder(
      Settlement settlement,
      Mode mode,
      Vertx vertx,
      int batchSize,
      Duration interval,
      CompletionStage<Void> after) {
    this.settled = after.toCompletableFuture();
    this.settlement = settlement;
    this.mode = mode;
    this.vertx = vertx;
    this.batchSize = batchSize;
    this.interval = interval;
  }

  synchronized void add(Result result) {
    results.add(result);
    pending.add(result);
    if (pending.size() >= batchSize) {
      flush();
    } else if (timer < 0) {
      timer = vertx.setTimer(interval.toMillis(), id -> timerFired());
    }
  }

  /** Settles what is left; completes with every result once all of it is durable. */
  synchronized Uni<List<Result>> finish() {
    flush();
    CompletableFuture<Void> all = settled;
    List<Result> everything = List.copyOf(results);
    return Uni.createFrom().completionStage(all).replaceWith(everything);
  }

  private synchronized void timerFired() {
    timer = -1;
    flush();
  }

  private void flush() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<Result> batch = pending;
    pending = new ArrayList<>();
    settled =
        settled.thenCompose(ignored -> settlement.settle(batch, mode).subscribeAsCompletionStage());
  }
}
