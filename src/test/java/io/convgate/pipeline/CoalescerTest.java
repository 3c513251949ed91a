package io.convgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  /** The first offset of each poll acknowledged, in the order of the acknowledgements. */
  static final List<Long> ACKED = new ArrayList<>();

  @org.junit.jupiter.api.BeforeEach
  void forgetAcks() {
    ACKED.clear();
  }

  /** A poll of {@code size} records starting at {@code offset}, remembering how it was acked. */
  static class FakePoll implements Coalescer.Poll<String, String> {
    final List<ConsumerRecord<String, String>> records;
    final int generation;
    int acks;
    Set<Integer> lastExcept;
    Throwable nacked;

    FakePoll(long offset, int size) {
      this(offset, size, 1);
    }

    FakePoll(long offset, int size, int generation) {
      records =
          IntStream.range(0, size)
              .mapToObj(
                  i -> new ConsumerRecord<>("t", (int) (offset + i) % 2, offset + i, "k", "v"))
              .toList();
      this.generation = generation;
    }

    @Override
    public int generation() {
      return generation;
    }

    @Override
    public List<ConsumerRecord<String, String>> records() {
      return records;
    }

    @Override
    public void ack(Set<Integer> exceptPartitions) {
      ACKED.add(records.get(0).offset());
      acks++;
      lastExcept = exceptPartitions;
    }

    @Override
    public void nack(Throwable failure) {
      nacked = failure;
    }
  }

  /** Work whose units the test completes by hand. */
  static final class ManualWork {
    final List<List<Long>> units = new ArrayList<>();
    final List<Integer> generations = new ArrayList<>();
    final List<CompletableFuture<Set<Integer>>> results = new ArrayList<>();
    final List<Coalescer.Unit<String, String>> given = new ArrayList<>();

    /** A coalescer that gives its units to this work. */
    Coalescer<String, String> coalescer(int maxRecords, int maxUnits) {
      return new Coalescer<>(this::run, maxRecords, maxUnits);
    }

    Uni<Set<Integer>> run(Coalescer.Unit<String, String> unit) {
      given.add(unit);
      units.add(unit.records().stream().map(ConsumerRecord::offset).toList());
      generations.add(unit.generation());
      CompletableFuture<Set<Integer>> result = new CompletableFuture<>();
      results.add(result);
      return Uni.createFrom().completionStage(result);
    }
  }

  @Test
  void pollsArrivingWhileAUnitRunsAreMergedIntoTheNextInOrderAndAckedWhenItEnds() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 1);
    FakePoll first = new FakePoll(0, 2);
    FakePoll second = new FakePoll(2, 3);
    FakePoll third = new FakePoll(5, 1);

    coalescer.offer(first).await().indefinitely();
    coalescer.offer(second).await().indefinitely();
    coalescer.offer(third).await().indefinitely();

    assertThat(work.units).containsExactly(List.of(0L, 1L));
    assertThat(first.acks).isZero();

    work.results.get(0).complete(Set.of());

    assertThat(first.acks).isEqualTo(1);
    assertThat(second.acks).isZero();
    assertThat(work.units).hasSize(2);
    assertThat(work.units.get(1)).containsExactly(2L, 3L, 4L, 5L);

    work.results.get(1).complete(Set.of());

    assertThat(second.acks).isEqualTo(1);
    assertThat(third.acks).isEqualTo(1);
  }

  @Test
  void partitionsTheWorkLeftUnfinishedStayUnacknowledged() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 1);
    coalescer.offer(new FakePoll(0, 1, 7));
    FakePoll second = new FakePoll(1, 2, 7);
    FakePoll third = new FakePoll(3, 2, 7);
    coalescer.offer(second);
    coalescer.offer(third);
    work.results.get(0).complete(Set.of());

    assertThat(work.units.get(1)).containsExactly(1L, 2L, 3L, 4L);
    work.results.get(1).complete(Set.of(1));

    assertThat(second.acks).isEqualTo(1);
    assertThat(second.lastExcept).containsExactly(1);
    assertThat(third.lastExcept).containsExactly(1);
  }

  @Test
  void pollsReadInTwoGenerationsAreNeverMergedIntoOneUnit() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 1);
    coalescer.offer(new FakePoll(0, 1, 7));
    // Waiting behind the first unit: one poll read before a rebalance, two after it.
    coalescer.offer(new FakePoll(1, 2, 7));
    coalescer.offer(new FakePoll(3, 2, 8));
    coalescer.offer(new FakePoll(5, 1, 8));

    work.results.get(0).complete(Set.of());
    assertThat(work.units.get(1)).containsExactly(1L, 2L);
    work.results.get(1).complete(Set.of());

    assertThat(work.units.get(2)).containsExactly(3L, 4L, 5L);
    assertThat(work.generations).containsExactly(7, 7, 8);
  }

  @Test
  void aUnitNeverSplitsAPollAndStaysWithinTheLimit() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(4, 1);
    coalescer.offer(new FakePoll(0, 1));
    coalescer.offer(new FakePoll(1, 3));
    coalescer.offer(new FakePoll(4, 2));

    work.results.get(0).complete(Set.of());
    assertThat(work.units.get(1)).containsExactly(1L, 2L, 3L);
    work.results.get(1).complete(Set.of());
    assertThat(work.units.get(2)).containsExactly(4L, 5L);
  }

  @Test
  void whileMoreThanTheLimitWaitsANewPollIsAdmittedOnlyWhenTheRunningUnitEnds() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(3, 1);
    coalescer.offer(new FakePoll(0, 1));
    assertThat(coalescer.offer(new FakePoll(1, 3)).subscribeAsCompletionStage()).isCompleted();

    CompletableFuture<Void> admitted =
        coalescer.offer(new FakePoll(4, 1)).subscribeAsCompletionStage();
    assertThat(admitted).isNotDone();

    work.results.get(0).complete(Set.of());
    assertThat(admitted).isCompleted();
  }

  @Test
  void aFailedUnitNacksItsPollsAndNothingRunsAfterIt() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 1);
    FakePoll first = new FakePoll(0, 1);
    FakePoll second = new FakePoll(1, 1);
    coalescer.offer(first);
    coalescer.offer(second);

    IllegalStateException failure = new IllegalStateException("database gone");
    work.results.get(0).completeExceptionally(failure);

    assertThat(first.nacked).isSameAs(failure);
    assertThat(first.acks).isZero();
    assertThat(work.units).hasSize(1);
    assertThat(second.acks).isZero();
    assertThat(second.nacked).isNull();
  }

  @Test
  void aUnitThatNeverEndsLeavesItsPollsAndThoseBehindItUnacknowledged() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 1);
    FakePoll first = new FakePoll(0, 1);
    FakePoll second = new FakePoll(1, 1);
    coalescer.offer(first);
    coalescer.offer(second);

    assertThat(first.acks + second.acks).isZero();
    assertThat(work.units).hasSize(1);
  }

  @Test
  void withTwoUnitsTheNextStartsOnceTheRunningOneIsReadyAndTheyEndInTheOrderTheyStarted() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 2);
    FakePoll first = new FakePoll(0, 2);
    FakePoll second = new FakePoll(2, 1);
    coalescer.offer(first);
    coalescer.offer(second);
    assertThat(work.units).hasSize(1);

    work.given.get(0).ready().run();
    assertThat(work.units).containsExactly(List.of(0L, 1L), List.of(2L));
    assertThat(work.given.get(1).previous()).isNotDone();

    work.results.get(1).complete(Set.of());
    assertThat(second.acks).as("not before the unit started before it").isZero();

    work.results.get(0).complete(Set.of());
    assertThat(ACKED).containsExactly(0L, 2L);
    assertThat(work.given.get(1).previous()).isDone();
  }

  @Test
  void noMoreThanTheLimitOfUnitsAreUnderWayAtOnce() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 2);
    coalescer.offer(new FakePoll(0, 1));
    coalescer.offer(new FakePoll(1, 1));
    work.given.get(0).ready().run();
    coalescer.offer(new FakePoll(2, 1));
    work.given.get(1).ready().run();
    work.given.get(1).ready().run();
    assertThat(work.units).hasSize(2);

    work.results.get(0).complete(Set.of());
    assertThat(work.units).containsExactly(List.of(0L), List.of(1L), List.of(2L));
  }

  @Test
  void aUnitNotReadyKeepsTheNextWaitingUntilItEnds() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 2);
    coalescer.offer(new FakePoll(0, 1));
    coalescer.offer(new FakePoll(1, 1));
    assertThat(work.units).hasSize(1);

    work.results.get(0).complete(Set.of());
    assertThat(work.units).containsExactly(List.of(0L), List.of(1L));
  }

  @Test
  void aFailureNacksTheUnitStartedAfterItAndNothingMoreStarts() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 2);
    FakePoll first = new FakePoll(0, 1);
    FakePoll second = new FakePoll(1, 1);
    coalescer.offer(first);
    coalescer.offer(second);
    work.given.get(0).ready().run();
    IllegalStateException failure = new IllegalStateException("database gone");

    work.results.get(0).completeExceptionally(failure);
    work.results.get(1).complete(Set.of());
    coalescer.offer(new FakePoll(2, 1));

    assertThat(first.nacked).isSameAs(failure);
    assertThat(second.nacked).isSameAs(failure);
    assertThat(first.acks + second.acks).isZero();
    assertThat(work.given.get(1).previous())
        .as("the next unit is told, so it records nothing ahead of the failed one")
        .isCompletedExceptionally();
    assertThat(work.units).hasSize(2);
  }

  @Test
  void anAcknowledgementThatThrowsFailsTheUnitsAfterItInsteadOfHangingThem() {
    ManualWork work = new ManualWork();
    Coalescer<String, String> coalescer = work.coalescer(1000, 2);
    FakePoll broken =
        new FakePoll(0, 1) {
          @Override
          public void ack(Set<Integer> exceptPartitions) {
            throw new IllegalStateException("consumer closed");
          }
        };
    FakePoll second = new FakePoll(1, 1);
    coalescer.offer(broken);
    coalescer.offer(second);
    work.given.get(0).ready().run();

    work.results.get(0).complete(Set.of());
    work.results.get(1).complete(Set.of());

    assertThat(work.given.get(1).previous()).isCompletedExceptionally();
    assertThat(second.nacked).hasMessage("consumer closed");
    coalescer.offer(new FakePoll(2, 1));
    assertThat(work.units).hasSize(2);
  }
}
