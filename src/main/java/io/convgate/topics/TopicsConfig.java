package io.convgate.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.topics.*}: topic provisioning at start-up. */
@ConfigMapping(prefix = "convgate.topics")
public interface TopicsConfig {

  /** Create the topics of kafka-topics.yaml that the cluster lacks, before consuming starts. */
  @WithDefault("false")
  boolean createOnStartup();

  /** How long start-up waits for the cluster to answer. */
  @WithDefault("30s")
  Duration timeout();
}
