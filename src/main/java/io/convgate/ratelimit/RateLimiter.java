package io.convgate.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** One {@link Pacer} per integration, created on first use with that integration's limits. */
public final class RateLimiter {

  private final Clock clock;
  private final Duration guard;
  private final Duration poll;
  private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();

  public RateLimiter(Clock clock, Duration guard, Duration pollWhenAllInFlight) {
    this.clock = clock;
    this.guard = guard;
    this.poll = pollWhenAllInFlight;
  }

  /**
   * @param integrationId whose key the request is sent with
   * @param limits the integration's limits; when they differ from its pacer's (an operator changed
   *     them), a new pacer starts cold: one request alone until Hyros' headers say what is left
   * @return zero if a token was taken (send now, then {@link #release}), else how long to wait
   *     before trying again
   */
  public Duration tryAcquire(String integrationId, Supplier<List<WindowLimit>> limits) {
    List<WindowLimit> wanted = limits.get();
    Pacer pacer = pacers.get(integrationId);
    if (pacer == null || !pacer.limits().equals(wanted)) {
      pacer =
          pacers.compute(
              integrationId,
              (id, current) ->
                  current != null && current.limits().equals(wanted)
                      ? current
                      : new Pacer(clock, wanted, guard, poll));
    }
    return pacer.tryAcquire();
  }

  /**
   * A token for a read (lower priority): see {@link Pacer#tryAcquireRead}. The integration's pacer
   * is the one its deliveries use, so reads and writes share one budget per key.
   */
  public Duration tryAcquireRead(
      String integrationId, Supplier<List<WindowLimit>> limits, double reservedShare) {
    return pacerOf(integrationId, limits.get()).tryAcquireRead(reservedShare);
  }

  private Pacer pacerOf(String integrationId, List<WindowLimit> wanted) {
    Pacer pacer = pacers.get(integrationId);
    if (pacer == null || !pacer.limits().equals(wanted)) {
      pacer =
          pacers.compute(
              integrationId,
              (id, current) ->
                  current != null && current.limits().equals(wanted)
                      ? current
                      : new Pacer(clock, wanted, guard, poll));
    }
    return pacer;
  }

  /** The response to a request that acquired a token arrived. */
  public void release(String integrationId) {
    Pacer pacer = pacers.get(integrationId);
    if (pacer != null) {
      pacer.release();
    }
  }

  /** What a response said of the key's quota; see {@link Pacer#observe}. */
  public void observe(String integrationId, int remaining, Instant resetAt) {
    Pacer pacer = pacers.get(integrationId);
    if (pacer != null) {
      pacer.observe(remaining, resetAt);
    }
  }

  /** Honours a {@code Retry-After}: nothing is sent for this integration before then. */
  public void pause(String integrationId, Duration retryAfter) {
    Pacer pacer = pacers.get(integrationId);
    if (pacer != null) {
      pacer.pauseUntil(Instant.now(clock).plus(retryAfter));
    }
  }

  /** The windows of every integration's pacer, by integration id. */
  public Map<String, List<WindowState>> snapshot() {
    Map<String, List<WindowState>> states = new java.util.TreeMap<>();
    pacers.forEach((id, pacer) -> states.put(id, pacer.snapshot()));
    return states;
  }

  /** Forgets an integration's pacer, so that changed limits take effect. */
  public void reset(String integrationId) {
    pacers.remove(integrationId);
  }
}
