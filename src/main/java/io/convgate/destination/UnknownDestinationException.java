package io.convgate.destination;

import java.util.Set;

/** A kind no plug-in is registered for. */
public class UnknownDestinationException extends IllegalArgumentException {

  private final transient Set<String> known;

  public UnknownDestinationException(String kind, Set<String> known) {
    super("unknown destination '" + kind + "'; the destinations are " + String.join(", ", known));
    this.known = Set.copyOf(known);
  }

  public Set<String> known() {
    return known;
  }
}
