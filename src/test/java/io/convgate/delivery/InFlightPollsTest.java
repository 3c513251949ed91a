package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.pipeline.DeliveryCommand;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightPollsTest {

  private final InFlightPolls polls = new InFlightPolls();
  private final Object consumerA = new Object();
  private final Object consumerB = new Object();

  @Test
  void aRevokedPartitionIsWithdrawnFromThePollsThatHoldItUntilTheySettle() {
    polls.assigned(consumerA, Set.of(1, 2, 3), 5);
    Poll holding = polls.open(Set.of(1, 2), 5);
    Poll other = polls.open(Set.of(3), 5);
    DeliveryCommand fromOne = command("a");
    DeliveryCommand fromTwo = command("b");
    holding.read(fromOne, 1);
    holding.read(fromTwo, 2);

    InFlightPolls.Revocation revocation = polls.revoke(consumerA, Set.of(1));

    assertThat(revocation.partitions()).containsExactly(1);
    List<CompletableFuture<Void>> settling = revocation.settling();
    assertThat(settling).hasSize(1);
    assertThat(holding.withdrawn(fromOne)).isTrue();
    assertThat(holding.withdrawn(fromTwo)).as("a partition the consumer keeps").isFalse();
    assertThat(settling.get(0)).isNotDone();
    polls.close(other);
    assertThat(settling.get(0)).isNotDone();
    polls.close(holding);
    assertThat(settling.get(0)).isDone();
  }

  @Test
  void aPollReadBeforeTheRevocationThatArrivesAfterItIsWithdrawnToo() {
    polls.assigned(consumerA, Set.of(4), 6);
    polls.revoke(consumerA, Set.of(4));

    Poll late = polls.open(Set.of(4), 6);

    assertThat(late.withdrawn(4)).isTrue();
    assertThat(late.withdrawnPartitions()).containsExactly(4);
  }

  @Test
  void aPollReadBeforeTheRevocationIsWithdrawnEvenOnceThePartitionIsAssignedAgain() {
    polls.assigned(consumerA, Set.of(4), 6);
    polls.revoke(consumerA, Set.of(4));
    polls.assigned(consumerB, Set.of(4), 7);

    Poll late = polls.open(Set.of(4), 6);
    Poll next = polls.open(Set.of(4), 7);
    DeliveryCommand command = command("d");
    next.read(command, 4);

    assertThat(late.withdrawn(4)).as("read in the generation before the assignment").isTrue();
    assertThat(next.withdrawn(command)).as("read after the assignment").isFalse();
    assertThat(polls.revoke(consumerB, Set.of(5)).settling()).as("no poll holds 5").isEmpty();
  }

  @Test
  void aPartitionLostWithoutAGenerationStillWithdrawsThePollsThatArriveAfterIt() {
    // A lost partition reaches the listener as a revocation whose generation reads -1; the rule
    // does not need it. A poll of unknown generation is withdrawn all the same.
    polls.assigned(consumerA, Set.of(2, 3), 9);
    polls.revoke(consumerA, Set.of(2));

    assertThat(polls.open(Set.of(2), 9).withdrawn(2)).isTrue();
    assertThat(polls.open(Set.of(2), -1).withdrawn(2)).isTrue();
    assertThat(polls.open(Set.of(3), 9).withdrawnPartitions()).isEmpty();
  }

  @Test
  void aLossReportedAfterThePartitionWentToAnotherConsumerOfTheInstanceTakesNothing() {
    // Consumer A was fenced; the group gave partition 7 to consumer B of the same instance; A
    // hears of the loss only as it rejoins.
    polls.assigned(consumerA, Set.of(7, 8), 10);
    polls.assigned(consumerB, Set.of(7), 11);
    Poll ofB = polls.open(Set.of(7), 11);

    InFlightPolls.Revocation late = polls.revoke(consumerA, Set.of(7, 8));

    assertThat(late.partitions()).as("what A still held").containsExactly(8);
    assertThat(late.settling()).isEmpty();
    assertThat(ofB.withdrawn(7)).as("B's poll in flight").isFalse();
    assertThat(polls.open(Set.of(7), 11).withdrawn(7)).as("B's next poll").isFalse();
    assertThat(polls.open(Set.of(7), 10).withdrawn(7)).as("a poll A read before").isTrue();
  }

  private static DeliveryCommand command(String key) {
    return new DeliveryCommand(
        "integration", "hyros", key, key, "evt-" + key, "sale.completed", "", null, null);
  }
}
