package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The text rules run as a loop over the characters; the schemas state them as regular expressions.
 * Both must say the same of every string, and the loop must stay a single pass.
 */
class PatternsTest {

  /** Every kind of character the rules tell apart, at the edges of each range. */
  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    "é",
    "山",
    "<",
    "\"",
    "\\",
    " ",
    "\u00a0",
    "\u1680",
    "\u2000",
    "\u200a",
    "\u200b",
    "\u202f",
    "\u205f",
    "\u3000",
    "\u0000",
    "\t",
    "\n",
    "\r",
    "\u001f",
    "\u007f",
    "\u0080",
    "\u0085",
    "\u009f",
    "\u00a1",
    "\u2028",
    "\u2029",
    "\ud83d\ude00",
    "\ud83d",
    "\ude00",
    "\ufeff",
    "\uffff"
  };

  @Test
  void theCharacterLoopsSayWhatTheSchemasRegularExpressionsSay() {
    Random random = new Random(17);
    for (String rule : List.of(PrintableText.TEXT, PrintableText.WORD)) {
      Predicate<String> loop = Patterns.find(rule);
      // ECMA-262's $ is the end of the value: with Java, a whole match says the same
      Pattern regex = Pattern.compile(rule);
      for (int i = 0; i < 50_000; i++) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int k = 0; k < length; k++) {
          text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        String value = text.toString();
        assertThat(loop.test(value))
            .as("%s on %s", rule.equals(PrintableText.WORD) ? "word" : "text", codePoints(value))
            .isEqualTo(regex.matcher(value).matches());
      }
    }
  }

  @Test
  void aFinalDollarIsTheEndOfTheValueNotBeforeAFinalLineBreak() {
    Predicate<String> phone = Patterns.find("^\\+?[0-9][0-9 ().-]{3,30}$");
    assertThat(phone.test("+1 415 555 0100")).isTrue();
    assertThat(phone.test("+1 415 555 0100\n")).isFalse();
    assertThat(Pattern.compile("^\\+?[0-9][0-9 ().-]{3,30}$").matcher("+1 415 555 0100\n").find())
        .as("what Java's engine alone says")
        .isTrue();
    assertThat(Patterns.endOfInput("^a\\$")).isEqualTo("^a\\$");
    assertThat(Patterns.endOfInput("^a\\\\$")).isEqualTo("^a\\\\\\z");
    assertThat(Patterns.endOfInput("^a")).isEqualTo("^a");
  }

  @Test
  void blankIsOnlySpaceSeparators() {
    assertThat(PrintableText.isBlank("")).isTrue();
    assertThat(PrintableText.isBlank(" \u00a0\u3000\u2003")).isTrue();
    assertThat(PrintableText.isBlank(" a ")).isFalse();
    assertThat(PrintableText.isBlank("\u200b")).isFalse();
  }

  private static List<String> codePoints(String value) {
    return value.codePoints().mapToObj(Integer::toHexString).toList();
  }
}
