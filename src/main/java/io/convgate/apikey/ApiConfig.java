package io.convgate.apikey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code convgate.api.*}: the gateway's own API keys. */
@ConfigMapping(prefix = "convgate.api")
public interface ApiConfig {

  /**
   * A key ({@code cgw_...}, made with {@code convgate keys generate}) that becomes the first admin
   * key when no key exists yet; ignored (with a warning) once any key exists. Keep it in a secret
   * store, create named keys with it, then revoke it.
   */
  Optional<String> bootstrapKey();

  /** How often a key's last-used time is written at most. */
  @WithDefault("60s")
  Duration lastUsedResolution();
}
