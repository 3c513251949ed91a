package io.convgate.testkit.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A misbehaviour the sandbox injects on matching requests.
 *
 * @param apiKey only requests with this key are affected; null for all
 * @param status answer with this HTTP status (and a Hyros error body); 0 to answer normally
 * @param latency wait this long before answering
 * @param reset close the connection without answering
 * @param until the fault ends at this instant; null for until cleared
 */
public record Fault(String apiKey, int status, Duration latency, boolean reset, Instant until) {

  public static Fault status(String apiKey, int status, Duration lasting) {
    return new Fault(apiKey, status, Duration.ZERO, false, Instant.now().plus(lasting));
  }

  public static Fault latency(String apiKey, Duration latency) {
    return new Fault(apiKey, 0, latency, false, null);
  }

  public static Fault reset(String apiKey, Duration lasting) {
    return new Fault(apiKey, 0, Duration.ZERO, true, Instant.now().plus(lasting));
  }

  boolean appliesTo(String key, Instant now) {
    return (apiKey == null || apiKey.equals(key)) && (until == null || now.isBefore(until));
  }
}
