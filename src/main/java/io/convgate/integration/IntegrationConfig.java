package io.convgate.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.integrations.*}: how the pipeline reads integrations. */
@ConfigMapping(prefix = "convgate.integrations")
public interface IntegrationConfig {

  /**
   * How long a looked-up integration (or its absence) is reused before it is read again. A rotated
   * key or a new integration is seen after at most this long.
   */
  @WithDefault("30s")
  Duration cacheTtl();

  /**
   * How long creating an integration or replacing its key waits for Hyros to say whether it takes
   * the key ({@code GET /user-info}). Without an answer the key is stored and the integration held
   * as {@code KEY_UNCHECKED}.
   */
  @WithDefault("5s")
  Duration keyCheckTimeout();

  /** How often the keys of {@code KEY_UNCHECKED} integrations are put to Hyros again. */
  @WithDefault("30s")
  Duration keyRecheckInterval();
}
