package io.convgate.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code convgate.http-ingest.*}: events accepted over HTTP. */
@ConfigMapping(prefix = "convgate.http-ingest")
public interface HttpIngestConfig {

  /** The input topic events posted to {@code /api/v1/events} are written to. */
  @WithDefault("billing.events")
  String topic();

  /** The most events one request may carry. */
  @WithDefault("500")
  int maxBatch();
}
