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
}
