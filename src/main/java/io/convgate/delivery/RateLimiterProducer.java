package io.convgate.delivery;

import io.convgate.ratelimit.RateLimiter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The application's one rate limiter: one pacer per integration, shared by all lanes. */
public class RateLimiterProducer {

  @Produces
  @Singleton
  RateLimiter rateLimiter(Clock clock, RateLimitConfig config) {
    return new RateLimiter(clock, config.guard(), config.pollWhenAllInFlight());
  }
}
