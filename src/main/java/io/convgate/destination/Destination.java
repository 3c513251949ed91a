package io.convgate.destination;

import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of destination (Hyros, ...): everything the generic pipeline needs to know of one, and
 * nothing more. An integration names its kind; the pipeline (ledger, pacer, lanes, holds, park,
 * release, dead letters, replay, metrics) works the same for every kind without it knowing. A
 * plug-in is an {@code @ApplicationScoped} bean in its own package; {@link Destinations} collects
 * them by {@link #kind()} (docs/design.md, "Destinations"; docs/decisions/0051).
 */
public interface Destination {

  /** The kind's name as integrations, commands and metrics carry it: lower case, stable. */
  String kind();

  /** The kind as a person reads it in messages ("Hyros"). */
  String displayName();

  /** The event types this kind takes; another type named for one of its integrations is refused. */
  Set<EventType> takes();

  default boolean accepts(EventType type) {
    return takes().contains(type);
  }

  /**
   * Maps a valid event of a type it {@link #accepts} to its call, with the ledger's idempotency key
   * and the ordering key. Pure: no I/O.
   *
   * @throws InvalidEventException when the event's data cannot be read as this kind needs it
   */
  MappedCall map(ConversionEvent event) throws InvalidEventException;

  /** Whether a call read back (from the topic or the park) has every field this kind needs. */
  boolean complete(OutboundCall call);

  /**
   * Sends one call with the integration's secret and settings. Never fails its {@code Uni}: I/O
   * errors are a {@link CallResult} with status 0. Lazy: nothing is sent before subscription.
   */
  Uni<CallResult> send(String apiKey, Map<String, String> settings, OutboundCall call);

  /** The one place that decides what an outcome of this kind means. */
  FailureClass classify(CallResult result);

  /** The limits of an integration that does not override them. */
  Limits defaultLimits();

  /**
   * The kind's cheap key check, or empty when it has none. Without one, a key given is taken
   * unproven (the first delivery proves it) and the release of an open circuit sends the first
   * parked delivery as its probe.
   */
  Optional<KeyProbe> keyCheck();

  /** What is wrong with an integration's non-secret settings for this kind; empty when nothing. */
  List<SettingProblem> checkSettings(Map<String, String> settings);

  /** Whether integrations of this kind may be connected by a one-time code (else key by hand). */
  default boolean connectsByCode() {
    return false;
  }

  /**
   * A cheap call that tells whether the destination answers and takes a key, without delivering
   * anything.
   */
  interface KeyProbe {

    /** One check, as the releaser's probe of an open circuit makes it (paced by the caller). */
    Uni<CallResult> probe(String apiKey, Map<String, String> settings);

    /** One check when an operator gives a key; gives up after {@code timeout}; never fails. */
    Uni<KeyCheck> check(String apiKey, Map<String, String> settings, Duration timeout);
  }

  /**
   * One problem with a setting.
   *
   * @param setting the setting's name, as in the integration's {@code settings}
   * @param problem what is wrong, as an operator reads it
   */
  record SettingProblem(String setting, String problem) {}
}
