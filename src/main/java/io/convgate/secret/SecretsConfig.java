package io.convgate.secret;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** {@code convgate.secrets.*}: the master keys that seal Hyros API keys at rest. */
@ConfigMapping(prefix = "convgate.secrets")
public interface SecretsConfig {

  /**
   * Master keys as {@code <key id>:<base64 of 32 random bytes>}, comma-separated, e.g. {@code
   * 2026-11:q3J...=,2026-05:Zx1...=}. The first seals new values (unless {@link #activeKey()} names
   * another); the others only open what they sealed, until start-up has re-sealed it.
   */
  Optional<List<String>> masterKeys();

  /** The id of the master key that seals; defaults to the first of {@link #masterKeys()}. */
  Optional<String> activeKey();
}
