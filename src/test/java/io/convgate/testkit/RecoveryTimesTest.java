package io.convgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.RecoveryTimes.Recovery;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recovery after a kill is read against the usual second before it, not against a mean that one
 * burst lifts.
 */
class RecoveryTimesTest {

  private static final Instant KILL = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void theRateBeforeIsTheMedianSecondSoABurstDoesNotRaiseTheMark() {
    List<AcceptedRequest> deliveries = new ArrayList<>();
    // Ten seconds before the kill: 180 a second, with two bursts of 290 as windows refill.
    int[] before = {180, 180, 180, 290, 180, 180, 290, 180, 180, 180};
    for (int s = 0; s < before.length; s++) {
      spread(deliveries, KILL.minusSeconds(10 - s), before[s]);
    }
    // Dead for four seconds, then back at 170 a second: 94 % of the usual 180.
    for (int s = 4; s < 20; s++) {
      spread(deliveries, KILL.plusSeconds(s), 170);
    }

    Recovery recovery = RecoveryTimes.after(deliveries, KILL, KILL.plusSeconds(20));

    assertThat(recovery.rateBefore()).isEqualTo(180.0);
    assertThat(recovery.firstSeconds()).isEqualTo(4.0);
    // The first two-second window fully after the restart: 340 >= 0.9 * 180 * 2 = 324. The mean
    // before (202/s) would have asked for 364 and never been met.
    assertThat(recovery.steadySeconds()).isEqualTo(6.0);
  }

  @Test
  void aPaceThatStaysBelowNinetyPercentOfTheUsualSecondIsNeverSteady() {
    List<AcceptedRequest> deliveries = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      spread(deliveries, KILL.minusSeconds(10 - s), 200);
    }
    for (int s = 3; s < 20; s++) {
      spread(deliveries, KILL.plusSeconds(s), 170);
    }

    Recovery recovery = RecoveryTimes.after(deliveries, KILL, KILL.plusSeconds(20));

    assertThat(recovery.rateBefore()).isEqualTo(200.0);
    assertThat(recovery.firstSeconds()).isEqualTo(3.0);
    assertThat(recovery.steadySeconds()).isNaN();
  }

  @Test
  void lessThanOneWholeSecondBeforeTheKillIsReadAsItsMeanRate() {
    List<AcceptedRequest> deliveries = new ArrayList<>();
    spread(deliveries, KILL.minusMillis(500), 50);

    assertThat(RecoveryTimes.after(deliveries, KILL, KILL.plusSeconds(5)).rateBefore())
        .isEqualTo(100.0);
  }

  /** {@code count} deliveries evenly spread over the second (or half second) from {@code at}. */
  private static void spread(List<AcceptedRequest> into, Instant at, int count) {
    long span = at.plusSeconds(1).isAfter(KILL) && at.isBefore(KILL) ? 500 : 1000;
    for (int i = 0; i < count; i++) {
      into.add(
          new AcceptedRequest(
              "POST", "/orders", Map.of(), "key", null, at.plusMillis(i * span / count), "r" + i));
    }
  }
}
