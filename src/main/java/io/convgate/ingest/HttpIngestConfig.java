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

  /**
   * The largest event, in bytes, that may be posted: what the input topic takes ({@code
   * max.message.bytes}, 1 MiB in kafka-topics.yaml) less 1 KiB for the record's key and framing. A
   * larger one would be refused by the producer after the others were published.
   */
  @WithDefault("1047552")
  int maxEventBytes();
}
