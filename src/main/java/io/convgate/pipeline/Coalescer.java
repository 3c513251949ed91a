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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs a stage's work for one consumer a unit at a time, and folds every poll that arrives while a
 * unit runs into the next unit, up to {@code maxRecords}. A stage's cost is mostly per unit (round
 * trips to the database and the broker), so under load units grow instead of queueing up one small
 * poll behind the other; when traffic is light a poll starts at once.
 *
 * <p>Units overlap in two steps: the next unit may start once the running one calls {@link
 * Unit#ready} (the delivery stage after its calls to Hyros, before recording their outcomes; the
 * ingest stage once its commands are handed to the producer, before the broker's acknowledgement),
 * with at most {@code maxUnits} units started and not yet ended. Units end in the order they
 * started, whatever order their work completes in: each is told when the one before it has ended
 * ({@link Unit#previous}), and its polls are acknowledged only after that unit's were.
 *
 * <p>A poll is acknowledged when the unit that carried it ends (except the partitions the work
 * names as left unfinished, which stay unacknowledged), and negatively acknowledged (stopping the
 * channel) when its unit, or one before it, fails; nothing starts after a failure. A unit that
 * never completes (a shutdown) leaves its polls and those behind it unacknowledged. While more than
 * {@code maxRecords} wait, a new poll is admitted only when a unit starts or ends, which is what
 * holds back the consumer.
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
   * The records of one unit, in poll order, and the consumer-group generation its polls were read
   * in: a unit never merges polls of two generations, so a poll read after a rebalance is never
   * taken for one read before it.
   *
   * @param previous completes once the unit started before this one has ended (at once for the
   *     first), exceptionally when it or one before it failed: work that must follow the previous
   *     unit's, such as recording outcomes in order, waits for it
   * @param ready called by the work when the next unit may start beside this one (calling it more
   *     than once, or not at all, is allowed: the next unit then starts when this one ends)
   */
  public record Unit<K, V>(
      List<ConsumerRecord<K, V>> records,
      int generation,
      CompletionStage<Void> previous,
      Runnable ready) {}

  /** A unit that has started: its polls, and when it and the one before it have ended. */
  private static final class Started<K, V> {
    final List<Poll<K, V>> polls;
    final CompletableFuture<Void> previous;
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    Started(List<Poll<K, V>> polls, CompletableFuture<Void> previous) {
      this.polls = polls;
      this.previous = previous;
    }
  }

  private final Function<Unit<K, V>, Uni<Set<Integer>>> work;
  private final int maxRecords;
  private final int maxUnits;
  private final ArrayDeque<Poll<K, V>> pending = new ArrayDeque<>();
  private final List<CompletableFuture<Void>> admissions = new ArrayList<>();
  private int pendingRecords;
  private int started;
  private Started<K, V> latest;
  private boolean latestReady = true;
  private CompletableFuture<Void> lastEnded = CompletableFuture.completedFuture(null);
  private Throwable failure;
  private Context context;

  /**
   * @param maxUnits how many units may have started and not yet ended (1: one at a time, the next
   *     starting when the running one ends)
   */
  public Coalescer(Function<Unit<K, V>, Uni<Set<Integer>>> work, int maxRecords, int maxUnits) {
    this.work = work;
    this.maxRecords = maxRecords;
    this.maxUnits = maxUnits;
  }

  /**
   * One coalescer per consumer of a channel (a channel with concurrency has several, each with its
   * own partitions, and their units run side by side).
   */
  public static final class PerConsumer<K, V> {

    private final Map<String, Coalescer<K, V>> byConsumer = new ConcurrentHashMap<>();
    private final Function<Unit<K, V>, Uni<Set<Integer>>> work;
    private final int maxRecords;
    private final int maxUnits;

    public PerConsumer(Function<Unit<K, V>, Uni<Set<Integer>>> work, int maxRecords, int maxUnits) {
      this.work = work;
      this.maxRecords = maxRecords;
      this.maxUnits = maxUnits;
    }

    /** As {@link Coalescer#offer}, on the coalescer of the consumer the poll came from. */
    public Uni<Void> offer(KafkaRecordBatch<K, V> poll) {
      IncomingKafkaRecordBatchMetadata<K, V> metadata = metadata(poll);
      String consumer = metadata.getChannel() + "#" + metadata.getConsumerIndex();
      List<ConsumerRecord<K, V>> records = new ArrayList<>(metadata.count());
      metadata.getRecords().forEach(records::add);
      return byConsumer
          .computeIfAbsent(consumer, c -> new Coalescer<>(work, maxRecords, maxUnits))
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
    Started<K, V> unit;
    CompletableFuture<Void> admission = null;
    synchronized (this) {
      if (context == null) {
        context = Vertx.currentContext();
      }
      pending.add(batch);
      pendingRecords += batch.records().size();
      unit = nextUnit();
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

  /**
   * Under the lock: the polls of the next unit, when one waits and may start now (nothing failed,
   * the latest unit is ready for the next, fewer than {@code maxUnits} have started and not ended);
   * otherwise null.
   */
  private Started<K, V> nextUnit() {
    if (pending.isEmpty() || failure != null || !latestReady || started >= maxUnits) {
      return null;
    }
    List<Poll<K, V>> polls = new ArrayList<>();
    int size = 0;
    while (!pending.isEmpty()
        && (polls.isEmpty()
            || (size + pending.peek().records().size() <= maxRecords
                && pending.peek().generation() == polls.get(0).generation()))) {
      Poll<K, V> polled = pending.poll();
      polls.add(polled);
      size += polled.records().size();
    }
    pendingRecords -= size;
    Started<K, V> unit = new Started<>(polls, lastEnded);
    lastEnded = unit.ended;
    latest = unit;
    latestReady = false;
    started++;
    return unit;
  }

  private void run(Started<K, V> unit) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    for (Poll<K, V> polled : unit.polls) {
      records.addAll(polled.records());
    }
    int generation = unit.polls.get(0).generation();
    Uni<Set<Integer>> running;
    try {
      // A copy: what the work does with it (cancelling, say) cannot touch the order of endings.
      running =
          work.apply(new Unit<>(records, generation, unit.previous.copy(), () -> ready(unit)));
    } catch (RuntimeException e) {
      running = Uni.createFrom().failure(e);
    }
    running
        .subscribe()
        .with(
            unacked -> unit.previous.whenComplete((x, y) -> ended(unit, unacked, null)),
            failed -> unit.previous.whenComplete((x, y) -> ended(unit, null, failed)));
  }

  /** The unit's work says the next unit may start beside it. */
  private void ready(Started<K, V> unit) {
    Started<K, V> next;
    List<CompletableFuture<Void>> admitted;
    synchronized (this) {
      if (unit != latest || latestReady) {
        return;
      }
      latestReady = true;
      next = nextUnit();
      admitted = next == null ? List.of() : takeAdmissions();
    }
    admitted.forEach(admission -> admission.complete(null));
    start(next);
  }

  /** Runs after the unit before it has ended: acknowledges the unit's polls, starts the next. */
  private void ended(Started<K, V> unit, Set<Integer> unacked, Throwable failed) {
    Throwable cause = fail(failed);
    try {
      for (Poll<K, V> polled : unit.polls) {
        if (cause == null) {
          polled.ack(unacked == null ? Set.of() : unacked);
        } else {
          polled.nack(cause);
        }
      }
    } catch (RuntimeException e) {
      cause = fail(e);
    }
    Started<K, V> next;
    List<CompletableFuture<Void>> admitted;
    synchronized (this) {
      started--;
      if (unit == latest) {
        latestReady = true;
      }
      admitted = takeAdmissions();
      next = nextUnit();
    }
    if (cause == null) {
      unit.ended.complete(null);
    } else {
      // The units started after it must not record their outcomes ahead of its unrecorded ones.
      unit.ended.completeExceptionally(cause);
    }
    admitted.forEach(admission -> admission.complete(null));
    start(next);
  }

  /** Records the first failure (none when null); returns the failure that stops the consumer. */
  private synchronized Throwable fail(Throwable failed) {
    if (failure == null) {
      failure = failed;
    }
    return failure;
  }

  private List<CompletableFuture<Void>> takeAdmissions() {
    List<CompletableFuture<Void>> admitted = new ArrayList<>(admissions);
    admissions.clear();
    return admitted;
  }

  /** Starts a unit on the consumer's context (never inside the callback that made room for it). */
  private void start(Started<K, V> next) {
    if (next == null) {
      return;
    }
    Context runOn;
    synchronized (this) {
      runOn = context;
    }
    if (runOn == null) {
      run(next);
    } else {
      runOn.runOnContext(ignored -> run(next));
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
