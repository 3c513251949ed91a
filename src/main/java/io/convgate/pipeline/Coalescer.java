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
import java.util.Set;
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
 * <p>A poll is acknowledged when the unit that carried it completes (except the partitions the work
 * names as left unfinished, which stay unacknowledged), and negatively acknowledged (stopping the
 * channel) when it fails. A unit that never completes (a shutdown) leaves its polls and those
 * behind it unacknowledged. While more than {@code maxRecords} wait, a new poll is admitted only
 * when the running unit ends, which is what holds back the consumer.
 *
 * @param <K> record key
 * @param <V> record value
 */
public final class Coalescer<K, V> {

  /** One poll of a consumer: its records, and how to acknowledge it. */
  public interface Poll<K, V> {
    List<ConsumerRecord<K, V>> records();

    /** The consumer-group generation it was read in (negative when unknown). */
    int generation();

    /** Acknowledges its records, except those of the given partitions. */
    void ack(Set<Integer> exceptPartitions);

    void nack(Throwable failure);
  }

  /**
   * The records of one unit, in poll order, and the oldest consumer-group generation among its
   * polls.
   */
  public record Unit<K, V>(List<ConsumerRecord<K, V>> records, int generation) {}

  private final Function<Unit<K, V>, Uni<Set<Integer>>> work;
  private final int maxRecords;
  private final ArrayDeque<Poll<K, V>> pending = new ArrayDeque<>();
  private final List<CompletableFuture<Void>> admissions = new ArrayList<>();
  private int pendingRecords;
  private boolean running;
  private boolean failed;
  private Context context;

  public Coalescer(Function<Unit<K, V>, Uni<Set<Integer>>> work, int maxRecords) {
    this.work = work;
    this.maxRecords = maxRecords;
  }

  /**
   * One coalescer per consumer of a channel (a channel with concurrency has several, each with its
   * own partitions, and their units run side by side).
   */
  public static final class PerConsumer<K, V> {

    private final Map<String, Coalescer<K, V>> byConsumer = new ConcurrentHashMap<>();
    private final Function<Unit<K, V>, Uni<Set<Integer>>> work;
    private final int maxRecords;

    public PerConsumer(Function<Unit<K, V>, Uni<Set<Integer>>> work, int maxRecords) {
      this.work = work;
      this.maxRecords = maxRecords;
    }

    /** As {@link Coalescer#offer}, on the coalescer of the consumer the poll came from. */
    public Uni<Void> offer(KafkaRecordBatch<K, V> poll) {
      IncomingKafkaRecordBatchMetadata<K, V> metadata = metadata(poll);
      String consumer = metadata.getChannel() + "#" + metadata.getConsumerIndex();
      List<ConsumerRecord<K, V>> records = new ArrayList<>(metadata.count());
      metadata.getRecords().forEach(records::add);
      return byConsumer
          .computeIfAbsent(consumer, c -> new Coalescer<>(work, maxRecords))
          .offer(
              new Poll<>() {
                @Override
                public List<ConsumerRecord<K, V>> records() {
                  return records;
                }

                @Override
                public int generation() {
                  return metadata.getConsumerGroupGenerationId();
                }

                @Override
                public void ack(Set<Integer> exceptPartitions) {
                  if (exceptPartitions.isEmpty()) {
                    poll.ack();
                    return;
                  }
                  poll.getLatestOffsetRecords()
                      .forEach(
                          (partition, last) -> {
                            if (!exceptPartitions.contains(partition.partition())) {
                              last.ack();
                            }
                          });
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
    List<Poll<K, V>> unit;
    CompletableFuture<Void> admission = null;
    synchronized (this) {
      if (context == null) {
        context = Vertx.currentContext();
      }
      pending.add(batch);
      pendingRecords += batch.records().size();
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
  private List<Poll<K, V>> nextUnit() {
    if (pending.isEmpty() || failed) {
      running = false;
      return null;
    }
    running = true;
    List<Poll<K, V>> unit = new ArrayList<>();
    int size = 0;
    while (!pending.isEmpty()
        && (unit.isEmpty() || size + pending.peek().records().size() <= maxRecords)) {
      Poll<K, V> polled = pending.poll();
      unit.add(polled);
      size += polled.records().size();
    }
    pendingRecords -= size;
    return unit;
  }

  private void run(List<Poll<K, V>> unit) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    int generation = Integer.MAX_VALUE;
    for (Poll<K, V> polled : unit) {
      records.addAll(polled.records());
      generation = Math.min(generation, polled.generation());
    }
    Uni<Set<Integer>> running;
    try {
      running = work.apply(new Unit<>(records, generation));
    } catch (RuntimeException e) {
      running = Uni.createFrom().failure(e);
    }
    running
        .subscribe()
        .with(unacked -> finished(unit, unacked, null), failure -> finished(unit, null, failure));
  }

  private void finished(List<Poll<K, V>> unit, Set<Integer> unacked, Throwable failure) {
    for (Poll<K, V> polled : unit) {
      if (failure == null) {
        polled.ack(unacked == null ? Set.of() : unacked);
      } else {
        polled.nack(failure);
      }
    }
    List<CompletableFuture<Void>> admitted;
    List<Poll<K, V>> next;
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
  private static <K, V> IncomingKafkaRecordBatchMetadata<K, V> metadata(
      KafkaRecordBatch<K, V> batch) {
    return batch
        .getMetadata(IncomingKafkaRecordBatchMetadata.class)
        .orElseThrow(() -> new IllegalStateException("a Kafka poll without its records"));
  }
}
