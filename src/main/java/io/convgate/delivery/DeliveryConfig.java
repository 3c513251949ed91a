package io.convgate.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** {@code convgate.delivery.*}: how the delivery stage sends. */
@ConfigMapping(prefix = "convgate.delivery")
public interface DeliveryConfig {

  /** Retries of retryable failures (I/O errors, timeouts, 408, 429, 5xx). */
  Retry retry();

  /**
   * How many ordering lanes of one integration may have a call in flight at once. Events with the
   * same ordering key (a sale and its refunds) always go one after another.
   */
  @WithDefault("8")
  @Min(1)
  int laneConcurrency();

  interface Retry {
    /** Calls made for one event before it is given up on (including the first). */
    @WithDefault("6")
    @Min(1)
    int maxAttempts();

    /** The cap of the first backoff; each next cap doubles. The wait is uniform in [0, cap]. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** No single backoff is longer than this. */
    @WithDefault("30s")
    Duration maxBackoff();
  }
}
