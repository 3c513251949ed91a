package io.convgate.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.console.*}: the web console's sign-in sessions. */
@ConfigMapping(prefix = "convgate.console")
public interface ConsoleConfig {

  /** How long a console session lasts after sign-in; then the operator signs in again. */
  @WithDefault("8h")
  Duration sessionTtl();
}
