package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @Test
  void writesWhatTheIsoFormatterWrites() {
    Random random = new Random(3339);
    for (int i = 0; i < 20_000; i++) {
      OffsetDateTime time = randomTime(random);
      assertThat(Rfc3339.format(time)).as("%s", time).isEqualTo(time.format(ISO));
    }
    for (OffsetDateTime edge :
        List.of(
            OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHours(-12)),
            OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 100_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
            OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 1, ZoneOffset.ofHours(18)),
            OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(-5, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(3_661)))) {
      assertThat(Rfc3339.format(edge)).as("%s", edge).isEqualTo(edge.format(ISO));
    }
  }

  @Test
  void readsWhatTheIsoFormatterReads() {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      String text = randomTime(random).format(ISO);
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
    for (String text :
        List.of(
            "2026-11-30T05:30:43Z",
            "2026-11-30T05:30:43.1Z",
            "2026-11-30T05:30:43.123456789-00:00",
            "2026-11-30T05:30:43+18:00",
            "2026-11-30t05:30:43z",
            "2026-11-30T05:30Z",
            "2026-11-30T05:30:43+01:00:30",
            "+12026-11-30T05:30:43Z",
            "2024-02-29T00:00:00+05:45")) {
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
  }

  @Test
  void rejectsWhatTheIsoFormatterRejects() {
    for (String text :
        List.of(
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-30T24:00:00Z",
            "2026-11-30T23:60:00Z",
            "2026-11-30T23:59:60Z",
            "2026-11-30T05:30:43+19:00",
            "2026-11-30T05:30:43+01:60",
            "2026-11-30T05:30:43.1234567890Z",
            "2026-11-30T05:30:43",
            "2026-11-30 05:30:43Z",
            "2026-11-30T05:30:43ZZ",
            "2026-11-30T05:3a:43Z",
            "20261130T053043Z",
            "")) {
      assertThatThrownBy(() -> OffsetDateTime.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> Rfc3339.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }

  private static OffsetDateTime randomTime(Random random) {
    int nano =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1000;
          default -> random.nextInt(1_000_000_000);
        };
    int offsetMinutes = random.nextBoolean() ? 0 : (random.nextInt(18 * 60 * 2 + 1) - 18 * 60);
    return OffsetDateTime.of(
        1970 + random.nextInt(100),
        1 + random.nextInt(12),
        1 + random.nextInt(28),
        random.nextInt(24),
        random.nextInt(60),
        random.nextInt(60),
        nano,
        ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
  }
}
