package io.convgate.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code convgate.ratelimit.*}: the default limits per Hyros key (Hyros documents 30 requests per
 * second and 1,000 per minute). An integration may override both.
 */
@ConfigMapping(prefix = "convgate.ratelimit")
public interface RateLimitConfig {

  /** Requests per key in any sliding second. */
  @WithDefault("30")
  int requestsPerSecond();

  /** Requests per key in any sliding minute. */
  @WithDefault("1000")
  int requestsPerMinute();

  /**
   * Added to each window. A token already returns only a window after the response to the request
   * that used it, which covers network delay; the guard covers clock granularity.
   */
  @WithDefault("5ms")
  Duration guard();

  /** When every token of a key is held by a request in flight, how often to look again. */
  @WithDefault("10ms")
  Duration pollWhenAllInFlight();
}
