package io.convgate.delivery;

import io.convgate.destination.CallResult;
import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import io.convgate.destination.FailureClass;
import io.convgate.destination.Limits;
import io.convgate.integration.Integration;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.PipelineMetrics;
import io.convgate.ratelimit.RateLimiter;
import io.convgate.ratelimit.WindowLimit;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Sends one command: waits for a token of its integration, calls its destination through the kind's
 * plug-in, classifies the result with the plug-in's classifier and retries retryable failures with
 * backoff. Every wait is a timer.
 */
@ApplicationScoped
public class Sender {

  private static final Logger LOGGER = Logger.getLogger(Sender.class);
  private static final int TOO_MANY_REQUESTS = 429;
  private static final BooleanSupplier NEVER = () -> false;
  private static final Duration WITHDRAWAL_CHECK = Duration.ofSeconds(1);

  private final Destinations destinations;
  private final RateLimiter limiter;
  private final DeliveryConfig config;
  private final Timers timers;
  private final Clock clock;
  private final PipelineMetrics metrics;
  private final Backoff backoff;
  private final Map<String, List<WindowLimit>> limitsById = new ConcurrentHashMap<>();

  public Sender(
      Destinations destinations,
      RateLimiter limiter,
      DeliveryConfig config,
      Timers timers,
      Clock clock,
      PipelineMetrics metrics) {
    this.destinations = destinations;
    this.limiter = limiter;
    this.config = config;
    this.timers = timers;
    this.clock = clock;
    this.metrics = metrics;
    this.backoff =
        new Backoff(
            config.retry().initialBackoff(),
            config.retry().maxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param withdrawn checked while the first call waits for its token: once it holds, no call is
   *     made and the item is null (a retry of a call already made is never withdrawn)
   */
  Uni<Attempted> send(DeliveryCommand command, Integration integration, BooleanSupplier withdrawn) {
    return attempt(command, integration, 1, null, Repeats.NONE, withdrawn);
  }

  private Uni<Attempted> attempt(
      DeliveryCommand command,
      Integration integration,
      int attempt,
      Instant firstAttemptAt,
      Repeats repeats,
      BooleanSupplier withdrawn) {
    return acquire(integration, clock.instant(), withdrawn)
        .chain(
            granted -> {
              if (!granted) {
                return Uni.createFrom().nullItem();
              }
              Instant startedAt = clock.instant();
              Instant first = firstAttemptAt == null ? startedAt : firstAttemptAt;
              Destination destination = destinations.of(command.destination());
              return destination
                  .send(integration.apiKey(), integration.settings(), command.call())
                  .invoke(result -> settleToken(integration, destination, result, startedAt))
                  .chain(
                      result ->
                          next(
                              command,
                              integration,
                              destination,
                              attempt,
                              first,
                              startedAt,
                              repeats,
                              result));
            });
  }

  /**
   * One paced key check of the integration (the probe of an open circuit), classified by its
   * destination; empty when the destination has no cheap key check (the release then sends the
   * first parked delivery as its probe).
   */
  Uni<java.util.Optional<FailureClass>> probe(Integration integration) {
    // A kind this build has no plug-in for has no check either: its parked deliveries, unreadable
    // here, are dead-lettered by the release (replayable once the plug-in is back).
    Destination destination = destinations.find(integration.destination()).orElse(null);
    if (destination == null || destination.keyCheck().isEmpty()) {
      return Uni.createFrom().item(java.util.Optional.empty());
    }
    Destination.KeyProbe check = destination.keyCheck().get();
    return acquire(integration, clock.instant(), NEVER)
        .chain(
            () -> {
              Instant startedAt = clock.instant();
              return check
                  .probe(integration.apiKey(), integration.settings())
                  .invoke(result -> settleToken(integration, destination, result, startedAt))
                  .map(result -> java.util.Optional.of(destination.classify(result)));
            });
  }

  /** Learns what the response said of the quota, gives the token back, counts the call. */
  private void settleToken(
      Integration integration, Destination destination, CallResult result, Instant startedAt) {
    if (result.rateLimitRemaining() != null && result.rateLimitReset() != null) {
      limiter.observe(integration.id(), result.rateLimitRemaining(), result.rateLimitReset());
    }
    limiter.release(integration.id());
    metrics.destinationRequest(
        destination.kind(),
        integration.id(),
        result.status(),
        Duration.between(startedAt, clock.instant()));
  }

  /**
   * Waits (on timers) until the integration's pacer hands out a token (true), or until {@code
   * withdrawn} holds (false, no token taken). A long wait is taken in steps of at most {@link
   * #WITHDRAWAL_CHECK}, so a withdrawal is noticed soon.
   */
  private Uni<Boolean> acquire(Integration integration, Instant since, BooleanSupplier withdrawn) {
    if (withdrawn.getAsBoolean()) {
      return Uni.createFrom().item(false);
    }
    Duration wait = limiter.tryAcquire(integration.id(), () -> limitsOf(integration));
    if (wait.isZero()) {
      metrics.rateLimitWait(integration.id(), Duration.between(since, clock.instant()));
      return Uni.createFrom().item(true);
    }
    Duration step = wait.compareTo(WITHDRAWAL_CHECK) > 0 ? WITHDRAWAL_CHECK : wait;
    return timers.after(step).chain(() -> acquire(integration, since, withdrawn));
  }

  private Uni<Attempted> next(
      DeliveryCommand command,
      Integration integration,
      Destination destination,
      int attempt,
      Instant first,
      Instant startedAt,
      Repeats repeats,
      CallResult result) {
    FailureClass failure = destination.classify(result);
    if (failure != FailureClass.RETRYABLE) {
      return Uni.createFrom()
          .item(new Attempted(failure, result, attempt, first, startedAt, false, repeats));
    }
    if (attempt >= config.retry().maxAttempts()) {
      // Given up on in line: parked, the release sends it again (or, dead-lettered, a replay
      // does), so a last call the destination may have received is a repeat to come; counted now.
      Repeats given = repeatOf(command, integration, repeats, result);
      return Uni.createFrom()
          .item(new Attempted(failure, result, attempt, first, startedAt, true, given));
    }
    if (result.status() == TOO_MANY_REQUESTS && result.retryAfter() != null) {
      limiter.pause(integration.id(), result.retryAfter());
      if (result.retryAfter().compareTo(config.retry().maxBackoff()) > 0) {
        // Longer than a poll may wait: give up in line; the delivery is parked and the
        // integration's pacer (hence its probe) waits out the Retry-After.
        return Uni.createFrom()
            .item(new Attempted(failure, result, attempt, first, startedAt, true, repeats));
      }
    }
    metrics.retry(integration.id());
    Repeats sentAgain = repeatOf(command, integration, repeats, result);
    Duration pause = backoff.after(attempt);
    LOGGER.debugf(
        "retrying integration=%s event_id=%s attempt=%d status=%d backoff_ms=%d",
        LogSafe.of(integration.id()),
        LogSafe.of(command.eventId()),
        attempt,
        result.status(),
        pause.toMillis());
    return timers
        .after(pause)
        .chain(() -> attempt(command, integration, attempt + 1, first, sentAgain, NEVER));
  }

  /**
   * Counts the call about to be sent again when {@code result} got no answer although its
   * destination may have received it (a read timeout, a connection lost after the request was
   * written): that call may reach its destination twice. A call never written is not counted.
   */
  private Repeats repeatOf(
      DeliveryCommand command, Integration integration, Repeats repeats, CallResult result) {
    if (!result.mayHaveArrived()) {
      return repeats;
    }
    String cause = Repeats.cause(result.unanswered());
    metrics.repeat(integration.id(), cause);
    LOGGER.infof(
        "sending again a call its destination may have received integration=%s event_id=%s cause=%s",
        LogSafe.of(integration.id()), LogSafe.of(command.eventId()), LogSafe.of(cause));
    return repeats.after(result.unanswered());
  }

  /**
   * The integration's windows, the same list as last time while its limits are unchanged: the
   * limiter compares them on every acquire, so the hot path allocates nothing.
   */
  private List<WindowLimit> limitsOf(Integration integration) {
    Limits defaults = destinations.of(integration.destination()).defaultLimits();
    int perSecond = integration.requestsPerSecond().orElse(defaults.requestsPerSecond());
    int perMinute = integration.requestsPerMinute().orElse(defaults.requestsPerMinute());
    List<WindowLimit> known = limitsById.get(integration.id());
    if (known != null
        && known.get(0).requests() == perSecond
        && known.get(1).requests() == perMinute) {
      return known;
    }
    List<WindowLimit> fresh = WindowLimit.perSecondAndMinute(perSecond, perMinute);
    limitsById.put(integration.id(), fresh);
    return fresh;
  }
}
