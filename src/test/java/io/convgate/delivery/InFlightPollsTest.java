package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.pipeline.DeliveryCommand;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightPollsTest {

  private final InFlightPolls polls = new InFlightPolls();

  @Test
  void aRevokedPartitionIsWithdrawnFromThePollsThatHoldItUntilTheySettle() {
    Poll holding = polls.open(Set.of(1, 2), 5);
    Poll other = polls.open(Set.of(3), 5);
    DeliveryCommand fromOne = command("a");
    DeliveryCommand fromTwo = command("b");
    holding.read(fromOne, 1);
    holding.read(fromTwo, 2);

    List<CompletableFuture<Void>> settling = polls.revoke(Set.of(1));

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
    polls.assigned(Set.of(4), 6);
    polls.revoke(Set.of(4));

    Poll late = polls.open(Set.of(4), 6);

    assertThat(late.withdrawn(4)).isTrue();
    assertThat(late.withdrawnPartitions()).containsExactly(4);
  }

  @Test
  void aPollReadBeforeTheRevocationIsWithdrawnEvenOnceThePartitionIsAssignedAgain() {
    polls.assigned(Set.of(4), 6);
    polls.revoke(Set.of(4));
    polls.assigned(Set.of(4), 7);

    Poll late = polls.open(Set.of(4), 6);
    Poll next = polls.open(Set.of(4), 7);
    DeliveryCommand command = command("d");
    next.read(command, 4);

    assertThat(late.withdrawn(4)).as("read in the generation before the assignment").isTrue();
    assertThat(next.withdrawn(command)).as("read after the assignment").isFalse();
    assertThat(polls.revoke(Set.of(5))).as("no poll holds partition 5").hasSize(0);
  }

  @Test
  void aLostPartitionWithNoGenerationStillWithdrawsThePollsThatArriveAfterIt() {
    // A partition lost (its member fenced or expired) is revoked without a generation: the
    // listener reads -1. Polls that arrive afterwards are withdrawn all the same.
    polls.assigned(Set.of(2), 9);
    polls.revoke(Set.of(2));

    assertThat(polls.open(Set.of(2), 9).withdrawn(2)).isTrue();
    assertThat(polls.open(Set.of(2), -1).withdrawn(2)).isTrue();
    assertThat(polls.open(Set.of(3), 9).withdrawnPartitions()).isEmpty();
  }

  private static DeliveryCommand command(String key) {
    return new DeliveryCommand(
        "integration", "hyros", key, key, "evt-" + key, "sale.completed", "", null, null);
  }
}
