package io.convgate.route;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.routes.*}: how routes reach the ingest stage (docs/decisions/0053). */
@ConfigMapping(prefix = "convgate.routes")
public interface RouteConfig {

  /**
   * How often each instance reads the routes' version (one single-row query) and reloads its table
   * when it moved. A route change made on another instance is routing here after at most this long
   * plus one reload; the instance that made the change reloads at once.
   */
  @WithDefault("2s")
  Duration pollInterval();
}
