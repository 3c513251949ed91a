package io.convgate.route;

import java.time.Instant;
import java.util.List;

/**
 * An operator's rule that sends matching events to integrations (docs/decisions/0053).
 *
 * @param id the route's id, like an integration id: 1-64 of a-z, 0-9, '.', '_', '-'
 * @param name a label for people
 * @param source the event {@code source} it takes: exact, or a prefix ending in {@code *}; null (or
 *     {@code *}) for any source
 * @param types the event types it takes, by wire name; empty for any type
 * @param field a JSON pointer into {@code data} (e.g. {@code /currency}), or null for no condition
 * @param value the text the field must equal; null exactly when {@code field} is
 * @param targets the integration ids the matching events go to, in this order; never empty
 * @param enabled whether it routes; a disabled route is kept but matches nothing
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Route(
    String id,
    String name,
    String source,
    List<String> types,
    String field,
    String value,
    List<String> targets,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public Route {
    types = types == null ? List.of() : List.copyOf(types);
    targets = List.copyOf(targets);
  }
}
