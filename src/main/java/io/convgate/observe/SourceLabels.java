package io.convgate.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The value of the {@code source} label: the CloudEvents {@code source} an event names is chosen by
 * its producer, so only a bounded set of sources become label values (decision 0026). Declared
 * sources ({@code convgate.metrics.sources}) have their series from start-up; others are learned
 * from accepted events, up to {@code convgate.metrics.learned-sources}, if they are short URI
 * references of printable ASCII. Everything else is {@value #OTHER}; a record whose source could
 * not be read is {@value #UNKNOWN}.
 *
 * <p>Each known source also has {@code convgate_source_last_event_timestamp_seconds}: a declared
 * one starts at the time this instance started, so one that sends nothing at all still has a series
 * that its silence alert can fire on.
 */
public final class SourceLabels {

  public static final String OTHER = "other";
  public static final String UNKNOWN = "unknown";
  public static final int MAX_LENGTH = 128;
  static final String TIMESTAMP = "convgate.source.last.event.timestamp.seconds";

  private final MeterRegistry registry;
  private final Clock clock;
  private final int learnLimit;
  private final AtomicInteger learned = new AtomicInteger();

  /** Known sources (declared and learned) and their last accepted event, in epoch seconds. */
  private final Map<String, AtomicLong> known = new ConcurrentHashMap<>();

  public SourceLabels(List<String> declared, int learnLimit, MeterRegistry registry, Clock clock) {
    if (learnLimit < 0) {
      throw new IllegalArgumentException(
          "convgate.metrics.learned-sources must be 0 or more, not " + learnLimit);
    }
    this.registry = registry;
    this.clock = clock;
    this.learnLimit = learnLimit;
    for (String source : declared) {
      if (!allowed(source)) {
        throw new IllegalArgumentException(
            "convgate.metrics.sources: '"
                + source
                + "' is not a source label: 1-"
                + MAX_LENGTH
                + " characters of a URI reference (letters, digits and -._~:/?#[]@!$&'()*+,;=%),"
                + " not 'other' or 'unknown'");
      }
      known.computeIfAbsent(source, this::register);
    }
  }

  /** The label of an accepted event's source; learns it if there is room, and notes the time. */
  public String accepted(String source) {
    if (source == null) {
      return UNKNOWN;
    }
    AtomicLong last = known.get(source);
    if (last == null) {
      last = learn(source);
      if (last == null) {
        return OTHER;
      }
    }
    last.set(clock.millis() / 1000);
    return source;
  }

  /** The label of a rejected event's source: never learns one. */
  public String rejected(String source) {
    if (source == null) {
      return UNKNOWN;
    }
    return known.containsKey(source) ? source : OTHER;
  }

  private AtomicLong learn(String source) {
    if (learned.get() >= learnLimit || !allowed(source)) {
      return null;
    }
    synchronized (this) {
      AtomicLong last = known.get(source);
      if (last != null) {
        return last;
      }
      if (learned.get() >= learnLimit) {
        return null;
      }
      learned.incrementAndGet();
      last = register(source);
      known.put(source, last);
      return last;
    }
  }

  private AtomicLong register(String source) {
    AtomicLong last = new AtomicLong(clock.millis() / 1000);
    Gauge.builder(TIMESTAMP, last, AtomicLong::doubleValue)
        .description("unix time of the last accepted event from this source")
        .tags("source", source)
        .register(registry);
    return last;
  }

  /** A URI reference's characters, printable ASCII only, of a bounded length, not reserved. */
  static boolean allowed(String source) {
    int length = source.length();
    if (length == 0 || length > MAX_LENGTH || source.equals(OTHER) || source.equals(UNKNOWN)) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = source.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
