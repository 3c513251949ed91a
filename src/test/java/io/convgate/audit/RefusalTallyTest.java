package io.convgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals are counted per kind, the kinds per window are capped, and nothing goes uncounted. */
class RefusalTallyTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);

  private static Refusal unknown(String template, Refusal.Reason reason) {
    return new Refusal(Refusal.UNKNOWN, "GET", template, "integrations:read", reason);
  }

  @Test
  void repeatsOfOneKindAreOneCount() {
    RefusalTally tally = new RefusalTally(CLOCK, 10);
    for (int i = 0; i < 1000; i++) {
      tally.add(unknown("/api/v1/integrations", Refusal.Reason.NO_KEY));
    }
    tally.add(unknown("/api/v1/integrations", Refusal.Reason.UNKNOWN_KEY));

    RefusalTally.Window window = tally.drain();

    assertThat(window.counts())
        .extracting(c -> c.refusal().reason(), RefusalTally.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Refusal.Reason.NO_KEY, 1000L),
            org.assertj.core.groups.Tuple.tuple(Refusal.Reason.UNKNOWN_KEY, 1L));
    assertThat(window.overflow()).isEmpty();
    assertThat(window.total()).isEqualTo(1001);
  }

  @Test
  void kindsBeyondTheCapAreSummedByReasonAndStillCounted() {
    RefusalTally tally = new RefusalTally(CLOCK, 3);
    for (int i = 0; i < 50; i++) {
      tally.add(unknown("/api/v1/integrations/" + i, Refusal.Reason.UNKNOWN_KEY));
      tally.add(unknown("/api/v1/integrations/" + i, Refusal.Reason.NO_KEY));
    }

    RefusalTally.Window window = tally.drain();

    assertThat(window.counts()).hasSize(3);
    assertThat(window.total()).isEqualTo(100);
    assertThat(window.overflow())
        .isEqualTo(Map.of(Refusal.Reason.UNKNOWN_KEY, 48L, Refusal.Reason.NO_KEY, 49L));
    assertThat(window.first()).isEqualTo(CLOCK.instant());
  }

  @Test
  void aDrainStartsAFreshWindow() {
    RefusalTally tally = new RefusalTally(CLOCK, 1);
    tally.add(unknown("/a", Refusal.Reason.NO_KEY));
    tally.add(unknown("/b", Refusal.Reason.NO_KEY));
    assertThat(tally.drain().total()).isEqualTo(2);

    assertThat(tally.drain().isEmpty()).isTrue();
    tally.add(unknown("/b", Refusal.Reason.NO_KEY));
    RefusalTally.Window next = tally.drain();
    assertThat(next.counts()).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(1));
    assertThat(next.overflow()).isEmpty();
  }
}
