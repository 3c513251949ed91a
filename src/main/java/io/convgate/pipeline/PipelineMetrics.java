package io.convgate.pipeline;

import io.convgate.observe.ObserveConfig;
import io.convgate.observe.SourceLabels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's meters. Names and labels are a contract with the dashboard and the alert rules in
 * deploy/ (a test checks that every name they use exists). Never labelled with anything secret.
 */
@ApplicationScoped
@Startup // the declared sources' series exist from start-up, before the first event
public class PipelineMetrics {

  /** From seconds to days: the business time of an event may be far behind (backfills, holds). */
  /** Calls that may reach Hyros twice, by {@code cause} (docs/design.md, "Duplicates"). */
  private static final String IN_DOUBT = "convgate.ledger.in.doubt";

  private static final List<String> REPEAT_CAUSES = List.of("crash", "timeout", "connection-lost");
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(6),
    Duration.ofDays(1),
    Duration.ofDays(7)
  };

  /**
   * A Hyros call's buckets: 10 per integration instead of the ~70 of a percentile histogram, which
   * at 500 busy integrations made most of a 5 MB scrape (decision 0041).
   */
  private static final Duration[] CALL_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** A wait for a rate-limit token: from none to a minute window's worth (decision 0041). */
  private static final Duration[] WAIT_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(15),
    Duration.ofSeconds(60)
  };

  private final MeterRegistry registry;
  private final Clock clock;
  private final SourceLabels sources;
  private final HeartbeatGauges heartbeats;
  private final java.util.Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * Meters already registered, by their tag values: a builder and a registry lookup per event (tag
   * sorting, map look-ups) showed in the profile; a look-up here is one hash probe.
   */
  private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

  private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();

  /**
   * A meter's name and tag values, the key its meter is kept under. Looked up several times per
   * event: equals and hashCode are written out, because a record's generated ones go through method
   * handles, which the C1-only JIT (deploy/Containerfile) leaves slow (~1.5 % of the gateway's
   * CPU).
   */
  private record Labels(String name, String a, String b, String c, String d) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Labels that
          && Objects.equals(name, that.name)
          && Objects.equals(a, that.a)
          && Objects.equals(b, that.b)
          && Objects.equals(c, that.c)
          && Objects.equals(d, that.d);
    }

    @Override
    public int hashCode() {
      int hash = Objects.hashCode(name);
      hash = 31 * hash + Objects.hashCode(a);
      hash = 31 * hash + Objects.hashCode(b);
      hash = 31 * hash + Objects.hashCode(c);
      return 31 * hash + Objects.hashCode(d);
    }
  }

  private final Counter repeatWaits;
  private final Counter parkedBehindPace;

  public PipelineMetrics(MeterRegistry registry, ObserveConfig config, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.heartbeats = new HeartbeatGauges(registry, clock);
    this.sources =
        new SourceLabels(
            config.sources().orElse(List.of()), config.learnedSources(), registry, clock);
    this.repeatWaits =
        Counter.builder("convgate.ledger.repeat.waits")
            .description(
                "Units that waited, before claiming, for an earlier unit of this instance to record"
                    + " the outcome of a key they repeat")
            .register(registry);
    this.parkedBehindPace =
        Counter.builder("convgate.deliveries.parked.behind.pace")
            .description(
                "Deliveries read from the topic that waited too long for their integration's"
                    + " tokens and were parked for the release (all integrations together)")
            .register(registry);
  }

  /**
   * Creates an integration's counters at zero the first time this instance delivers for it, so that
   * a rate over them works from the start. Idle integrations get none (decision 0041): at 10,000
   * integrations their zeros would be most of a scrape; the alert rules find a counter's first
   * increment with {@code x unless x offset ...}.
   */
  public void ensureIntegration(String integration) {
    if (known.add(integration)) {
      for (String cause : REPEAT_CAUSES) {
        registry.counter(IN_DOUBT, "integration", integration, "cause", cause);
      }
      registry.counter("convgate.delivery.retries", "integration", integration);
      registry.counter("convgate.auth.failures", "integration", integration);
    }
  }

  /**
   * An input record accepted ({@code reason=none}) or rejected at ingest. Its {@code source} (null
   * when it could not be read) becomes a label only if it is a known one ({@link SourceLabels}).
   */
  public void ingested(String type, boolean accepted, String reason, String source) {
    String src = accepted ? sources.accepted(source) : sources.rejected(source);
    String outcome = accepted ? "accepted" : "rejected";
    counters
        .computeIfAbsent(
            new Labels("convgate.ingest.events", type, outcome, reason, src),
            k ->
                Counter.builder(k.name())
                    .tags("type", type, "outcome", outcome, "reason", reason, "source", src)
                    .register(registry))
        .increment();
  }

  /** A delivery ended: delivered, dead_lettered, parked, skipped (a duplicate) or stale. */
  public void delivery(String integration, String type, String outcome) {
    counters
        .computeIfAbsent(
            new Labels("convgate.deliveries", integration, type, outcome, null),
            k ->
                registry.counter(
                    k.name(), "integration", integration, "type", type, "outcome", outcome))
        .increment();
  }

  /** A delivery reached Hyros: how long after the event's business time, and a heartbeat. */
  public void delivered(String integration, String type, Duration sinceEvent) {
    timers
        .computeIfAbsent(
            new Labels("convgate.delivery.latency", integration, type, null, null),
            k ->
                Timer.builder(k.name())
                    .description("event business time to delivered")
                    .tags("integration", integration, "type", type)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry))
        .record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    heartbeats.delivered(integration);
  }

  /** Every integration's heartbeat gauge. */
  public HeartbeatGauges heartbeats() {
    return heartbeats;
  }

  /** A unit held a key still being recorded by an earlier unit, and waited for that record. */
  public void repeatWaited() {
    repeatWaits.increment();
  }

  /**
   * A delivery read from the topic waited past {@code convgate.delivery.park-after-token-wait} for
   * its integration's token and was parked for the release (decision 0060).
   */
  public void parkedBehindPace() {
    parkedBehindPace.increment();
  }

  /**
   * A delivery claimed earlier but never confirmed was found and sent again: Hyros may receive it
   * twice ({@code cause=crash}).
   */
  public void inDoubt(String integration) {
    repeat(integration, "crash");
  }

  /**
   * A call Hyros may have received is sent again ({@code convgate_ledger_in_doubt_total}): {@code
   * crash} (claimed but never recorded), {@code timeout} (retried after a read timeout) or {@code
   * connection-lost} (retried after the connection closed once the request was written).
   */
  public void repeat(String integration, String cause) {
    registry.counter(IN_DOUBT, "integration", integration, "cause", cause).increment();
  }

  /**
   * One HTTP call to a destination ({@code status=0} when no response arrived) and how long it
   * took. The {@code destination} label is the integration's kind, one value per integration: it
   * adds no series (decision 0041, docs/decisions/0051).
   */
  public void destinationRequest(
      String destination, String integration, int status, Duration took) {
    counters
        .computeIfAbsent(
            new Labels(
                "convgate.destination.requests",
                integration,
                String.valueOf(status),
                destination,
                null),
            k ->
                registry.counter(
                    k.name(),
                    "destination",
                    destination,
                    "integration",
                    integration,
                    "status",
                    k.b()))
        .increment();
    timers
        .computeIfAbsent(
            new Labels("convgate.destination.request", integration, null, destination, null),
            k ->
                Timer.builder(k.name())
                    .tags("destination", destination, "integration", integration)
                    .serviceLevelObjectives(CALL_BUCKETS)
                    .register(registry))
        .record(took);
  }

  public void retry(String integration) {
    registry.counter("convgate.delivery.retries", "integration", integration).increment();
  }

  public void authFailure(String integration) {
    registry.counter("convgate.auth.failures", "integration", integration).increment();
  }

  /** Time spent waiting for a rate-limit token. */
  public void rateLimitWait(String integration, Duration waited) {
    timers
        .computeIfAbsent(
            new Labels("convgate.ratelimit.wait", integration, null, null, null),
            k ->
                Timer.builder(k.name())
                    .tags("integration", integration)
                    .serviceLevelObjectives(WAIT_BUCKETS)
                    .register(registry))
        .record(waited);
  }

  /** A record published to the dead-letter topic. */
  public void deadLettered(String stage, String reason) {
    registry.counter("convgate.dead.letters", "stage", stage, "reason", reason).increment();
  }
}
