package io.convgate.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceLabelsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock start = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  private double lastEvent(String source) {
    return registry.get(SourceLabels.TIMESTAMP).tag("source", source).gauge().value();
  }

  @Test
  void declaredSourcesHaveTheirSeriesFromStartUpAtTheStartTime() {
    new SourceLabels(List.of("billing/stripe", "crm"), 0, registry, start);

    assertThat(registry.find(SourceLabels.TIMESTAMP).gauges()).hasSize(2);
    assertThat(lastEvent("crm")).isEqualTo(start.millis() / 1000.0);
  }

  @Test
  void sourcesAreLearnedFromAcceptedEventsUpToTheLimit() {
    SourceLabels labels = new SourceLabels(List.of("crm"), 2, registry, start);

    assertThat(labels.rejected("billing/a")).as("a rejection never learns").isEqualTo("other");
    assertThat(labels.accepted("billing/a")).isEqualTo("billing/a");
    assertThat(labels.accepted("billing/b")).isEqualTo("billing/b");
    assertThat(labels.accepted("billing/c")).isEqualTo("other");
    assertThat(labels.accepted("crm")).as("declared ones do not count").isEqualTo("crm");
    assertThat(labels.rejected("billing/a")).isEqualTo("billing/a");
    assertThat(labels.rejected(null)).isEqualTo("unknown");
    assertThat(registry.find(SourceLabels.TIMESTAMP).gauges()).hasSize(3);
  }

  @Test
  void onlyShortUriReferencesOfPrintableAsciiAreLearned() {
    SourceLabels labels = new SourceLabels(List.of(), 100, registry, start);

    assertThat(labels.accepted("https://shop.example.com/events?v=1#x")).startsWith("https://");
    for (String hostile :
        List.of(
            "<b>x</b>",
            "a b",
            "emoji \uD83D\uDE00",
            "ctl\u0007",
            "quote\"",
            "back\\slash",
            "x".repeat(SourceLabels.MAX_LENGTH + 1),
            "",
            "other",
            "unknown")) {
      assertThat(labels.accepted(hostile)).as("%s", hostile).isEqualTo("other");
    }
    assertThat(registry.find(SourceLabels.TIMESTAMP).gauges()).hasSize(1);
  }

  @Test
  void aDeclaredSourceThatCannotBeALabelStopsStartUp() {
    assertThatThrownBy(() -> new SourceLabels(List.of("bad source"), 100, registry, start))
        .hasMessageContaining("convgate.metrics.sources")
        .hasMessageContaining("'bad source'");
    assertThatThrownBy(() -> new SourceLabels(List.of("other"), 100, registry, start))
        .hasMessageContaining("'other'");
  }
}
