package io.convgate.hyperaktiv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.hyperaktiv.*}: where Hyperaktiv is, and how hard convgate may call it. */
@ConfigMapping(prefix = "convgate.hyperaktiv")
public interface HyperaktivConfig {

  /** Base URL of Hyperaktiv's API; the client appends {@code /api/v1/leads?ref=...}. */
  @WithDefault("https://app.hyperaktiv.ai")
  String url();

  /**
   * The limits of a Hyperaktiv integration that sets none. Hyperaktiv publishes none: these are
   * convgate's own, modest ones (decision 0054).
   */
  @WithDefault("5")
  int requestsPerSecond();

  @WithDefault("120")
  int requestsPerMinute();

  /** How long a connection may take to open. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** How long an answer may take once the request is sent (idle time on the connection). */
  @WithDefault("15s")
  Duration readTimeout();

  /** Connections kept to Hyperaktiv, for every Hyperaktiv integration together. */
  @WithDefault("20")
  int connectionPoolSize();
}
