package io.convgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.750Z");
  private static final Instant NOW_S = Instant.parse("2026-12-04T12:00:00Z");
  private final WindowPlanner planner =
      new WindowPlanner(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(90));

  @Test
  void aFirstRunReadsTheTrailingWindowUpToNowInWholeSeconds() {
    ReadWindow window =
        planner.scheduled(Optional.empty(), Duration.ofMinutes(30), Duration.ofDays(30));
    assertThat(window.from()).isEqualTo(NOW_S.minus(Duration.ofDays(30)));
    assertThat(window.to()).isEqualTo(NOW_S);
  }

  @Test
  void aRunAfterALongOutageReadsFromTheLastWatermarkLessTheOverlap() {
    Instant watermark = NOW_S.minus(Duration.ofDays(40));
    ReadWindow window =
        planner.scheduled(Optional.of(watermark), Duration.ofMinutes(30), Duration.ofDays(30));
    assertThat(window.from()).isEqualTo(watermark.minus(Duration.ofMinutes(30)));
  }

  @Test
  void withoutTrailingARunReadsTheOverlapBeforeTheWatermark() {
    Instant watermark = NOW_S.minus(Duration.ofMinutes(15));
    ReadWindow window =
        planner.scheduled(Optional.of(watermark), Duration.ofMinutes(30), Duration.ZERO);
    assertThat(window.from()).isEqualTo(watermark.minus(Duration.ofMinutes(30)));
    assertThat(window.to()).isEqualTo(NOW_S);
  }

  @Test
  void noWindowReachesBeyondTheLookBack() {
    ReadWindow window =
        planner.scheduled(
            Optional.of(NOW_S.minus(Duration.ofDays(200))), Duration.ZERO, Duration.ofDays(30));
    assertThat(window.from()).isEqualTo(NOW_S.minus(Duration.ofDays(90)).plus(WindowPlanner.EDGE));
  }

  @Test
  void aBackfillIsCutToTheLookBackAndToNow() {
    ReadWindow window =
        planner
            .backfill(NOW.minus(Duration.ofDays(120)), NOW.plus(Duration.ofDays(1)))
            .orElseThrow();
    assertThat(window.from()).isEqualTo(NOW_S.minus(Duration.ofDays(90)).plus(WindowPlanner.EDGE));
    assertThat(window.to()).isEqualTo(NOW_S);
  }

  @Test
  void aBackfillEntirelyBeyondTheLookBackIsEmpty() {
    assertThat(planner.backfill(NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(100))))
        .isEmpty();
  }
}
