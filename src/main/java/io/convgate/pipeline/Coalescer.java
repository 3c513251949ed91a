package io.convgate.pipeline;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs a stage's work for one consumer one unit at a time, and folds every poll that arrives while
 * a unit runs into the next unit, up to {@code maxRecords}. A stage's cost is mostly per unit
 * (round trips to the database and the broker), so under load units grow instead of queueing up one
 * small poll behind the other; when traffic is light a poll starts at once.
 *
 * <p>A poll is acknowledged when the unit that carried it completes, and negatively acknowledged
 * (stopping the channel) when it fails. A unit that never completes (a shutdown) leaves its polls
 * and those behind it unacknowledged. While more than {@code maxRecords} wait, a new poll is
 * admitted only when the running unit ends, which is what holds back the consumer.
 *
 * @param <K> record key
 * @param <V> record value
 */
public final class Coalescer<K, V> {

  /** One poll of a consumer: its records, and how to acknowledge it. */
  public interface Poll<K, V> {
    List<ConsumerRecord<K, V>> records();

    void ack();

    void nack(Throwable failure);
  }

  private record Polled<K, V>(Poll<K, V> batch, List<ConsumerRecord<K, V>> records) {}

  private final Function<List<ConsumerRecord<K, V>>, Uni<Void>> work;
  private final int maxRecords;
  private final ArrayDeque<Polled<K, V>> pending = new ArrayDeque<>();
  private final List<CompletableFuture<Void>> admissions = new ArrayList<>();
  private int pendingRecords;
  private boolean running;
  private boolean failed;
  private Context context;

  public Coalescer(Function<List<ConsumerRecord<K, V>>, Uni<Void>> work, int maxRecords) {
    this.work = work;
    this.maxRecords = maxRecords;
  }

  /**
   * One coalescer per consumer of a channel (a channel with concurrency has several, each with its
   * own partitions, and their units run side by side).
   */
  public static final class PerConsumer<K, V> {

    private final Map<String, Coalescer<K, V>> byConsumer = new ConcurrentHashMap<>();
    private final Function<List<ConsumerRecord<K, V>>, Uni<Void>> work;
    private final int maxRecords;

    public PerConsumer(Function<List<ConsumerRecord<K, V>>, Uni<Void>> work, int maxRecords) {
      this.work = work;
      this.maxRecords = maxRecords;
    }

    /** As {@link Coalescer#offer}, on the coalescer of the consumer the poll came from. */
    public Uni<Void> offer(KafkaRecordBatch<K, V> poll) {
      String consumer =
          poll.getMetadata(IncomingKafkaRecordBatchMetadata.class)
              .map(m -> m.getChannel() + "#" + m.getConsumerIndex())
              .orElse("");
      List<ConsumerRecord<K, V>> records = records(poll);
      return byConsumer
          .computeIfAbsent(consumer, c -> new Coalescer<>(work, maxRecords))
          .offer(
              new Poll<>() {
                @Override
                public List<ConsumerRecord<K, V>> records() {
                  return records;
                }

                @Override
                public void ack() {
                  poll.ack();
                }

                @Override
                public void nack(Throwable failure) {
                  poll.nack(failure);
                }
              });
    }
  }

  /** Takes a poll; the result completes when the consumer may hand over the next one. */
  public Uni<Void> offer(Poll<K, V> batch) {
    List<ConsumerRecord<K, V>> records = batch.records();
    List<Polled<K, V>> unit;
    CompletableFuture<Void> admission = null;
    synchronized (this) {
      if (context == null) {
        context = Vertx.currentContext();
      }
      pending.add(new Polled<>(batch, records));
      pendingRecords += records.size();
      unit = running ? null : nextUnit();
      if (pendingRecords > maxRecords) {
        admission = new CompletableFuture<>();
        admissions.add(admission);
      }
    }
    if (unit != null) {
      run(unit);
    }
    return admission == null
        ? Uni.createFrom().voidItem()
        : Uni.createFrom().completionStage(admission);
  }

  /** Under the lock: the polls of the next unit, or null (and not running) when none waits. */
  private List<Polled<K, V>> nextUnit() {
    if (pending.isEmpty() || failed) {
      running = false;
      return null;
    }
    running = true;
    List<Polled<K, V>> unit = new ArrayList<>();
    int size = 0;
    while (!pending.isEmpty()
        && (unit.isEmpty() || size + pending.peek().records().size() <= maxRecords)) {
      Polled<K, V> polled = pending.poll();
      unit.add(polled);
      size += polled.records().size();
    }
    pendingRecords -= size;
    return unit;
  }

  private void run(List<Polled<K, V>> unit) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    unit.forEach(polled -> records.addAll(polled.records()));
    Uni<Void> running;
    try {
      running = work.apply(records);
    } catch (RuntimeException e) {
      running = Uni.createFrom().failure(e);
    }
    running.subscribe().with(ignored -> finished(unit, null), failure -> finished(unit, failure));
  }

  private void finished(List<Polled<K, V>> unit, Throwable failure) {
    for (Polled<K, V> polled : unit) {
      if (failure == null) {
        polled.batch().ack();
      } else {
        polled.batch().nack(failure);
      }
    }
    List<CompletableFuture<Void>> admitted;
    List<Polled<K, V>> next;
    Context runOn;
    synchronized (this) {
      failed |= failure != null;
      admitted = new ArrayList<>(admissions);
      admissions.clear();
      next = nextUnit();
      runOn = context;
    }
    admitted.forEach(admission -> admission.complete(null));
    if (next != null) {
      if (runOn == null) {
        run(next);
      } else {
        runOn.runOnContext(ignored -> run(next));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> List<ConsumerRecord<K, V>> records(KafkaRecordBatch<K, V> batch) {
    IncomingKafkaRecordBatchMetadata<K, V> metadata =
        batch
            .getMetadata(IncomingKafkaRecordBatchMetadata.class)
            .orElseThrow(() -> new IllegalStateException("a Kafka poll without its records"));
    List<ConsumerRecord<K, V>> records = new ArrayList<>(metadata.count());
    metadata.getRecords().forEach(records::add);
    return records;
  }
}
