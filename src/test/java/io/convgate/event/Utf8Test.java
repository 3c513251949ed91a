package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void acceptsTextInEveryEncodedLength() {
    assertThat(Utf8.isWellFormed(utf8("plain ascii {\"a\":1}"))).isTrue();
    assertThat(Utf8.isWellFormed(utf8("Zoë, €, 日本, 😀, \u0000, \uFFFF, \uD83D\uDE00"))).isTrue();
    assertThat(Utf8.isWellFormed(new byte[0])).isTrue();
    assertThat(Utf8.isWellFormed(bytes(0xF4, 0x8F, 0xBF, 0xBF))).as("U+10FFFF").isTrue();
  }

  @Test
  void refusesWhatIsNotUtf8() {
    assertThat(Utf8.isWellFormed(bytes('Z', 'o', 0xEB, '"'))).as("Latin-1 ë").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xC3, 0x28))).as("bad continuation").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0x80))).as("lone continuation").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xC0, 0xAF))).as("overlong '/'").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xE0, 0x80, 0xAF))).as("overlong 3-byte").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xF0, 0x80, 0x80, 0xAF))).as("overlong 4-byte").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xED, 0xA0, 0x80))).as("surrogate D800").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xF4, 0x90, 0x80, 0x80))).as("above 10FFFF").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xF5, 0x80, 0x80, 0x80))).as("lead F5").isFalse();
    assertThat(Utf8.isWellFormed(bytes('a', 0xE2, 0x82))).as("truncated at the end").isFalse();
    assertThat(Utf8.isWellFormed(bytes(0xE2, 0x82, 'x')))
        .as("third byte not a continuation")
        .isFalse();
  }

  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(20261123);
    for (int run = 0; run < 20_000; run++) {
      byte[] sample = new byte[1 + random.nextInt(12)];
      for (int i = 0; i < sample.length; i++) {
        // mostly high bytes, where the encoding rules are
        sample[i] =
            (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 128 + random.nextInt(128));
      }
      assertThat(Utf8.isWellFormed(sample)).as("bytes %s", hex(sample)).isEqualTo(jdk(sample));
    }
  }

  private static boolean jdk(byte[] sample) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(sample));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String hex(byte[] sample) {
    StringBuilder text = new StringBuilder();
    for (byte b : sample) {
      text.append(String.format("%02x ", b & 0xff));
    }
    return text.toString().trim();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
