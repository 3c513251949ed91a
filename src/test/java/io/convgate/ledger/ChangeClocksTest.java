package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The staleness rule: older than the newest delivered change is stale; equal is not. */
class ChangeClocksTest {

  private static final Instant NEWEST = Instant.parse("2026-12-20T13:03:30.123456Z");

  @Test
  void olderIsStaleEqualOrNewerIsNot() {
    assertThat(ChangeClocks.isStale(NEWEST.minusSeconds(1), Optional.of(NEWEST))).isTrue();
    assertThat(ChangeClocks.isStale(NEWEST.minusNanos(1_000), Optional.of(NEWEST))).isTrue();
    assertThat(ChangeClocks.isStale(NEWEST, Optional.of(NEWEST))).isFalse();
    assertThat(ChangeClocks.isStale(NEWEST.plusSeconds(1), Optional.of(NEWEST))).isFalse();
  }

  @Test
  void aThingWithNoDeliveredChangeHasNothingStale() {
    assertThat(ChangeClocks.isStale(Instant.EPOCH, Optional.empty())).isFalse();
  }

  @Test
  void timesAreComparedToTheMicrosecondAsPostgresqlKeepsThem() {
    // 999 ns after the stored microsecond: the same microsecond, so not older.
    assertThat(ChangeClocks.isStale(NEWEST.plusNanos(999), Optional.of(NEWEST))).isFalse();
    assertThat(ChangeClocks.isStale(NEWEST.minusNanos(1), Optional.of(NEWEST))).isTrue();
  }
}
