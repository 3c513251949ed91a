package io.convgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void ordinaryTextPassesThroughUnchanged() {
    String text = "sale.completed ord_10042 Zoë Ünal 東京 \\n €19.99 🎉";
    assertThat(LogSafe.of(text)).isSameAs(text);
    assertThat(LogSafe.isSafe(text)).isTrue();
  }

  @Test
  void lineBreaksAndControlCharactersBecomeVisibleEscapes() {
    assertThat(LogSafe.of("a\r\nINFO forged\tb")).isEqualTo("a\\r\\nINFO forged\\tb");
    assertThat(LogSafe.of("bell\u0007 esc\u001b[2J nul\u0000 del\u007f"))
        .isEqualTo("bell\\u0007 esc\\u001b[2J nul\\u0000 del\\u007f");
    assertThat(LogSafe.of("next-line\u0085 csi\u009b")).isEqualTo("next-line\\u0085 csi\\u009b");
  }

  @Test
  void unicodeSeparatorsAndFormatCharactersAreEscaped() {
    assertThat(LogSafe.of("line\u2028para\u2029")).isEqualTo("line\\u2028para\\u2029");
    // A right-to-left override shows "txt.exe" as "exe.txt"; zero-width characters hide text.
    assertThat(LogSafe.of("\u202etxt.exe \u200b\u200d\ufeff\u2066"))
        .isEqualTo("\\u202etxt.exe \\u200b\\u200d\\ufeff\\u2066");
    assertThat(LogSafe.of("tag\uDB40\uDC01")).isEqualTo("tag\\udb40\\udc01");
  }

  @Test
  void unpairedSurrogatesAreEscapedAndPairsKept() {
    assertThat(LogSafe.of("x\uD83Dy")).isEqualTo("x\\ud83dy");
    assertThat(LogSafe.of("x\uDE00y")).isEqualTo("x\\ude00y");
    assertThat(LogSafe.of("x\uD83D\uDE00y")).isEqualTo("x\uD83D\uDE00y");
  }

  @Test
  void aLongValueIsCutWithAMarkerSayingHowLongItWas() {
    String value = "a".repeat(100_000);
    String logged = LogSafe.of(value);
    assertThat(logged).hasSize(LogSafe.VALUE).endsWith("…(100000 chars)");
    assertThat(logged).startsWith("a".repeat(LogSafe.VALUE - "…(100000 chars)".length()));
    assertThat(LogSafe.of(value, LogSafe.TEXT)).hasSize(LogSafe.TEXT);
    assertThat(LogSafe.of("a".repeat(LogSafe.VALUE))).hasSize(LogSafe.VALUE).doesNotContain("…");
  }

  @Test
  void escapesCountTowardsTheBoundAndAreNeverSplit() {
    String value = "\n".repeat(150);
    String logged = LogSafe.of(value);
    assertThat(logged.length()).isLessThanOrEqualTo(LogSafe.VALUE);
    assertThat(logged).endsWith("…(150 chars)");
    assertThat(logged.substring(0, logged.indexOf('…'))).matches("(\\\\n)+");
    // a pair is never split into a lone surrogate
    String emoji = "\uD83D\uDE00".repeat(200);
    String cut = LogSafe.of(emoji, 21);
    assertThat(cut.substring(0, cut.indexOf('…'))).isEqualTo("\uD83D\uDE00".repeat(4));
  }

  @Test
  void applyingItTwiceChangesNothing() {
    String hostile = "id\r\n\u2028" + "x".repeat(5_000);
    String once = LogSafe.of(hostile);
    assertThat(LogSafe.of(once)).isEqualTo(once);
    assertThat(LogSafe.of(once, LogSafe.TEXT)).isEqualTo(once);
    assertThat(LogSafe.isSafe(once)).isTrue();
  }

  @Test
  void nullIsWrittenAsNullOrKept() {
    assertThat(LogSafe.of(null)).isEqualTo("null");
    assertThat(LogSafe.orNull(null, 10)).isNull();
    assertThat(LogSafe.orNull("a\nb", 10)).isEqualTo("a\\nb");
  }
}
