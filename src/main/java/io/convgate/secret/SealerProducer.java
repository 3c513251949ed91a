package io.convgate.secret;

import io.convgate.support.LogSafe;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Builds the {@link KeySealer} from configuration. In production (a packaged gateway) start-up
 * fails without a master key; in dev and test runs a fixed, publicly known key stands in and a
 * warning says so.
 */
public class SealerProducer {

  /** Known to everyone who reads this file: never protects anything real. */
  static final String DEV_ONLY_KEY = "dev-only:Y29udmdhdGUtZGV2LW9ubHktbWFzdGVyLWtleS0zMmI=";

  @Produces
  @Singleton
  KeySealer sealer(SecretsConfig config, LaunchMode mode) {
    List<String> entries = config.masterKeys().orElse(List.of());
    if (entries.isEmpty()) {
      if (mode == LaunchMode.NORMAL) {
        throw new IllegalStateException(
            "convgate cannot start: no master key to encrypt Hyros API keys. Set"
                + " CONVGATE_SECRETS_MASTER_KEYS=<key id>:<base64 of 32 random bytes> (make one"
                + " with: echo \"$(date +%Y-%m):$(openssl rand -base64 32)\"); see"
                + " docs/operations.md#secrets");
      }
      org.jboss.logging.Logger.getLogger(SealerProducer.class)
          .warnf(
              "%s mode: Hyros keys are sealed with a publicly known development key",
              LogSafe.of(mode));
      entries = List.of(DEV_ONLY_KEY);
    }
    try {
      return KeySealer.of(entries, config.activeKey().orElse(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("convgate cannot start: " + e.getMessage(), e);
    }
  }
}
