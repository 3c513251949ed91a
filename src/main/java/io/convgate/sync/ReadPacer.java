package io.convgate.sync;

import io.convgate.destination.CallResult;
import io.convgate.integration.Integration;
import io.convgate.ratelimit.RateLimiter;
import io.convgate.ratelimit.WindowLimit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads' side of an integration's pacer (decision 0046): a read waits, on a timer, for a token of
 * the same pacer its deliveries use, at the lower priority, and gives it back with what the
 * response said of the quota, as a delivery does.
 */
@ApplicationScoped
public class ReadPacer {

  private final RateLimiter limiter;
  private final Vertx vertx;
  private final SyncConfig config;
  private final int defaultPerSecond;
  private final int defaultPerMinute;

  public ReadPacer(
      RateLimiter limiter,
      Vertx vertx,
      SyncConfig config,
      @ConfigProperty(name = "convgate.ratelimit.requests-per-second", defaultValue = "30")
          int defaultPerSecond,
      @ConfigProperty(name = "convgate.ratelimit.requests-per-minute", defaultValue = "1000")
          int defaultPerMinute) {
    this.limiter = limiter;
    this.vertx = vertx;
    this.config = config;
    this.defaultPerSecond = defaultPerSecond;
    this.defaultPerMinute = defaultPerMinute;
  }

  /** Completes once a read token of the integration is held. */
  Uni<Void> acquire(Integration integration) {
    List<WindowLimit> limits = limitsOf(integration);
    Duration wait =
        limiter.tryAcquireRead(integration.id(), () -> limits, config.reservedForDeliveries());
    if (wait.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .<Void>emitter(e -> vertx.setTimer(Math.max(1, wait.toMillis()), id -> e.complete(null)))
        .chain(() -> acquire(integration));
  }

  /** Gives the token back, learning what the response said of the key's quota. */
  void release(Integration integration, CallResult result) {
    if (result.rateLimitRemaining() != null && result.rateLimitReset() != null) {
      limiter.observe(integration.id(), result.rateLimitRemaining(), result.rateLimitReset());
    }
    limiter.release(integration.id());
    if (result.status() == 429 && result.retryAfter() != null) {
      limiter.pause(integration.id(), result.retryAfter());
    }
  }

  /** The windows the deliveries of this integration use (the same list: the same pacer). */
  private List<WindowLimit> limitsOf(Integration integration) {
    return WindowLimit.perSecondAndMinute(
        integration.requestsPerSecond().orElse(defaultPerSecond),
        integration.requestsPerMinute().orElse(defaultPerMinute));
  }
}
