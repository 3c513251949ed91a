package io.convgate.destination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registered destination kinds: every {@link Destination} bean, by {@link Destination#kind}.
 */
@ApplicationScoped
public class Destinations {

  /**
   * The kind of integrations created and commands written before kinds existed (a version 1
   * command, a row migrated by V18, a parked command without one): they were all Hyros'.
   */
  public static final String LEGACY_KIND = "hyros";

  private final Map<String, Destination> byKind;

  @Inject
  public Destinations(@Any Instance<Destination> plugins) {
    this((Iterable<Destination>) plugins);
  }

  /** The given plug-ins (tests build a registry without CDI). */
  public static Destinations of(Destination... plugins) {
    return new Destinations(java.util.List.of(plugins));
  }

  private Destinations(Iterable<Destination> plugins) {
    Map<String, Destination> found = new TreeMap<>();
    for (Destination plugin : plugins) {
      Destination earlier = found.put(plugin.kind(), plugin);
      if (earlier != null) {
        throw new IllegalStateException(
            "two destination plug-ins of kind '"
                + plugin.kind()
                + "': "
                + earlier.getClass().getName()
                + " and "
                + plugin.getClass().getName());
      }
    }
    this.byKind = Map.copyOf(found);
  }

  /** The plug-in of a kind, when registered. */
  public Optional<Destination> find(String kind) {
    return Optional.ofNullable(kind == null ? null : byKind.get(kind));
  }

  /**
   * The plug-in of a kind.
   *
   * @throws UnknownDestinationException when no plug-in of that kind is registered
   */
  public Destination of(String kind) {
    Destination plugin = kind == null ? null : byKind.get(kind);
    if (plugin == null) {
      throw new UnknownDestinationException(kind, kinds());
    }
    return plugin;
  }

  /** The registered kinds, sorted. */
  public SortedSet<String> kinds() {
    return new TreeSet<>(byKind.keySet());
  }
}
