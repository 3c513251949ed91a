package io.convgate.testkit.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaviour the sandbox injects on matching requests.
 *
 * @param apiKey only requests with this key are affected; null for all
 * @param status answer with this HTTP status (and a Hyros error body); 0 to answer normally
 * @param latency wait this long before answering
 * @param reset close the connection without answering
 * @param until the fault ends at this instant; null for until cleared
 * @param remaining the fault ends after this many requests; null for no count
 * @param chance the share of matching requests it hits (1.0 for all)
 * @param acceptFirst accept and record the request at once, and only answer after {@code latency}
 *     (as a Hyros that completes a call its caller has stopped waiting for)
 */
public record Fault(
    String apiKey,
    int status,
    Duration latency,
    boolean reset,
    Instant until,
    AtomicInteger remaining,
    double chance,
    boolean acceptFirst) {

  public Fault(
      String apiKey,
      int status,
      Duration latency,
      boolean reset,
      Instant until,
      AtomicInteger remaining,
      double chance) {
    this(apiKey, status, latency, reset, until, remaining, chance, false);
  }

  public Fault(String apiKey, int status, Duration latency, boolean reset, Instant until) {
    this(apiKey, status, latency, reset, until, null, 1.0);
  }

  public Fault(
      String apiKey,
      int status,
      Duration latency,
      boolean reset,
      Instant until,
      AtomicInteger remaining) {
    this(apiKey, status, latency, reset, until, remaining, 1.0);
  }

  /** Each request (any key) has this chance of the fault, until {@code until}. */
  public static Fault randomly(
      double chance, int status, Duration latency, boolean reset, Instant until) {
    return new Fault(null, status, latency, reset, until, null, chance);
  }

  public static Fault status(String apiKey, int status, Duration lasting) {
    return new Fault(apiKey, status, Duration.ZERO, false, Instant.now().plus(lasting));
  }

  /** The next {@code times} requests with this key are answered {@code status}. */
  public static Fault times(String apiKey, int status, int times) {
    return new Fault(apiKey, status, Duration.ZERO, false, null, new AtomicInteger(times));
  }

  public static Fault latency(String apiKey, Duration latency) {
    return new Fault(apiKey, 0, latency, false, null);
  }

  public static Fault reset(String apiKey, Duration lasting) {
    return new Fault(apiKey, 0, Duration.ZERO, true, Instant.now().plus(lasting));
  }

  /**
   * The next {@code times} requests with this key are accepted and recorded at once, as usual, but
   * answered only after {@code delay}: a caller that waits less times out on a call Hyros made.
   */
  public static Fault acceptedButLate(String apiKey, Duration delay, int times) {
    return new Fault(apiKey, 0, delay, false, null, new AtomicInteger(times), 1.0, true);
  }

  /** Whether it applies to this request; a counted fault uses up one of its requests. */
  boolean appliesTo(String key, Instant now) {
    if ((apiKey != null && !apiKey.equals(key)) || (until != null && !now.isBefore(until))) {
      return false;
    }
    if (chance < 1.0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= chance) {
      return false;
    }
    return remaining == null || remaining.getAndDecrement() > 0;
  }
}
