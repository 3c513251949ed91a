package io.convgate.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.LaunchMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySealerTest {

  private static final String OLD = "2026-05:" + material('a');
  private static final String NEW = "2026-11:" + material('b');

  private static String material(char fill) {
    return Base64.getEncoder()
        .encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aSealedKeyOpensOnlyForItsOwnRecordAndNeverShowsTheKey() {
    KeySealer sealer = KeySealer.of(List.of(NEW), null);
    String sealed = sealer.seal("hyros-secret-123", "integration:shop");

    assertThat(sealed).startsWith("v1.2026-11.").doesNotContain("hyros-secret-123");
    assertThat(sealer.seal("hyros-secret-123", "integration:shop"))
        .as("a fresh nonce each time")
        .isNotEqualTo(sealed);
    assertThat(sealer.open(sealed, "integration:shop")).isEqualTo("hyros-secret-123");
    assertThatThrownBy(() -> sealer.open(sealed, "integration:other"))
        .isInstanceOf(KeySealer.SealedValueException.class)
        .hasMessageContaining("another record");
  }

  @Test
  void aTamperedValueDoesNotOpen() {
    KeySealer sealer = KeySealer.of(List.of(NEW), null);
    String sealed = sealer.seal("hyros-secret-123", "integration:shop");
    char last = sealed.charAt(sealed.length() - 2);
    String tampered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> sealer.open(tampered, "integration:shop"))
        .isInstanceOf(KeySealer.SealedValueException.class);
  }

  @Test
  void afterARotationTheNewKeySealsAndTheOldOneStillOpensWhatItSealed() {
    String sealedBefore = KeySealer.of(List.of(OLD), null).seal("k", "integration:shop");
    KeySealer rotated = KeySealer.of(List.of(NEW, OLD), null);

    assertThat(rotated.activeKeyId()).isEqualTo("2026-11");
    assertThat(rotated.open(sealedBefore, "integration:shop")).isEqualTo("k");
    assertThat(rotated.seal("k", "integration:shop")).startsWith("v1.2026-11.");
    assertThatThrownBy(
            () -> KeySealer.of(List.of(NEW), null).open(sealedBefore, "integration:shop"))
        .hasMessageContaining("'2026-05', which is not in convgate.secrets.master-keys");
  }

  @Test
  void badMasterKeysAreRefusedWithAMessageThatNeverQuotesTheKey() {
    String shortKey =
        Base64.getEncoder().encodeToString("too-short".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> KeySealer.of(List.of("k1:" + shortKey), null))
        .hasMessageContaining("must be 32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> KeySealer.of(List.of("no-colon"), null))
        .hasMessageContaining("<key id>:");
    assertThatThrownBy(() -> KeySealer.of(List.of(NEW), "missing"))
        .hasMessageContaining("'missing' is not among the master keys");
  }

  @Test
  void productionRefusesToStartWithoutAMasterKeyAndSaysHowToMakeOne() {
    SecretsConfig none =
        new SecretsConfig() {
          @Override
          public Optional<List<String>> masterKeys() {
            return Optional.empty();
          }

          @Override
          public Optional<String> activeKey() {
            return Optional.empty();
          }
        };
    assertThatThrownBy(() -> new SealerProducer().sealer(none, LaunchMode.NORMAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("convgate cannot start: no master key")
        .hasMessageContaining("CONVGATE_SECRETS_MASTER_KEYS")
        .hasMessageContaining("openssl rand -base64 32");
    assertThat(new SealerProducer().sealer(none, LaunchMode.TEST).activeKeyId())
        .isEqualTo("dev-only");
  }
}
