package io.convgate.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code convgate.connect.*}: connecting Hyros accounts by code. */
@ConfigMapping(prefix = "convgate.connect")
public interface ConnectConfig {

  /** The address browsers reach convgate at, e.g. {@code https://convgate.example.com}. */
  @WithDefault("http://127.0.0.1:8080")
  String publicUrl();

  /** How long a connect link may be used, from its creation. */
  @WithDefault("15m")
  Duration linkTtl();

  /** Where in Hyros the user clicks "connect"; shown on the link's page when set. */
  Optional<String> hyrosConnectUrl();
}
