package io.convgate.route;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The enabled routes, compiled for matching; immutable, so the ingest stage reads one table for a
 * whole unit while a reload builds the next. With no routes (most deployments) a look-up is one
 * length check and allocates nothing.
 */
public final class RouteTable {

  /** The table with no routes. */
  public static final RouteTable EMPTY = new RouteTable(List.of(), 0);

  private final Compiled[] routes;
  private final long version;

  private RouteTable(List<Compiled> routes, long version) {
    this.routes = routes.toArray(Compiled[]::new);
    this.version = version;
  }

  /**
   * @param routes every route; disabled ones are left out
   * @param version the {@code routes_version} these were read at
   */
  public static RouteTable of(List<Route> routes, long version) {
    List<Compiled> compiled = new ArrayList<>();
    routes.stream()
        .filter(Route::enabled)
        .sorted(Comparator.comparing(Route::id))
        .forEach(route -> compiled.add(new Compiled(route)));
    return new RouteTable(compiled, version);
  }

  public long version() {
    return version;
  }

  /** How many enabled routes the table holds. */
  public int size() {
    return routes.length;
  }

  public boolean isEmpty() {
    return routes.length == 0;
  }

  /**
   * The integrations the routes send this event to, besides the one it names itself: the targets of
   * every matching route, routes in id order and each route's targets in its order, each id once
   * and never the event's own {@code integration}.
   *
   * @return the routed integration ids; an empty list (not a new one) when no route matches
   */
  public List<String> routed(ConversionEvent event) {
    List<String> targets = List.of();
    for (Compiled route : routes) {
      if (!route.matches(event)) {
        continue;
      }
      for (String target : route.targets) {
        if (target.equals(event.integration()) || targets.contains(target)) {
          continue;
        }
        if (targets.isEmpty()) {
          targets = new ArrayList<>(route.targets.size());
        }
        targets.add(target);
      }
    }
    return targets.isEmpty() ? List.of() : List.copyOf(targets);
  }

  /** Whether any route takes the event (for an event that names no integration). */
  public boolean matchesAny(ConversionEvent event) {
    for (Compiled route : routes) {
      if (route.matches(event)) {
        return true;
      }
    }
    return false;
  }

  /** A route's conditions, parsed once. */
  private static final class Compiled {
    private final String exactSource;
    private final String sourcePrefix;
    private final Set<EventType> types;
    private final JsonPointer field;
    private final String value;
    private final List<String> targets;

    Compiled(Route route) {
      String source = route.source();
      if (source == null || source.equals(RouteRules.ANY)) {
        exactSource = null;
        sourcePrefix = null;
      } else if (source.endsWith(RouteRules.ANY)) {
        exactSource = null;
        sourcePrefix = source.substring(0, source.length() - 1);
      } else {
        exactSource = source;
        sourcePrefix = null;
      }
      Set<EventType> parsed = EnumSet.noneOf(EventType.class);
      for (String type : route.types()) {
        EventType.fromWireName(type).ifPresent(parsed::add);
      }
      types = route.types().isEmpty() ? null : parsed;
      field = route.field() == null ? null : JsonPointer.compile(route.field());
      value = route.value();
      targets = route.targets();
    }

    boolean matches(ConversionEvent event) {
      if (exactSource != null && !exactSource.equals(event.source())) {
        return false;
      }
      if (sourcePrefix != null && !event.source().startsWith(sourcePrefix)) {
        return false;
      }
      if (types != null && !types.contains(event.type())) {
        return false;
      }
      if (field == null) {
        return true;
      }
      JsonNode found = event.data() == null ? null : event.data().at(field);
      return found != null && found.isTextual() && found.textValue().equals(value);
    }
  }
}
