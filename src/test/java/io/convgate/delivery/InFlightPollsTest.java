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

    List<CompletableFuture<Void>> settling = polls.revoke(Set.of(1), 5);

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
    polls.revoke(Set.of(4), 7);

    Poll late = polls.open(Set.of(4), 7);
    DeliveryCommand command = command("c");
    late.read(command, 4);

    assertThat(late.withdrawn(command)).isTrue();
  }

  @Test
  void aPartitionAssignedAgainIsNoLongerRevokedForPollsOfTheNewGeneration() {
    polls.revoke(Set.of(4), 7);

    Poll next = polls.open(Set.of(4), 8);
    DeliveryCommand command = command("d");
    next.read(command, 4);

    assertThat(next.withdrawn(command)).isFalse();
    assertThat(polls.revoke(Set.of(5), 8)).as("no poll holds partition 5").isEmpty();
  }

  private static DeliveryCommand command(String key) {
    return new DeliveryCommand(
        "integration", "hyros", key, key, "evt-" + key, "sale.completed", "", null, null);
  }
}
