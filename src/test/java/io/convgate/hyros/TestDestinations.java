package io.convgate.hyros;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.Destination;
import io.convgate.destination.Destinations;
import java.util.ArrayList;
import java.util.List;

/** Registries of destination plug-ins for tests without CDI: Hyros (mapping, reading) and more. */
public final class TestDestinations {

  private TestDestinations() {}

  /** Hyros' plug-in without a client: it maps and checks calls; it cannot send. */
  public static HyrosDestination hyros(ObjectMapper json) {
    return new HyrosDestination(null, null, 30, 1000, json);
  }

  /** Hyros' plug-in (without a client) and the given ones. */
  public static Destinations with(ObjectMapper json, Destination... more) {
    List<Destination> all = new ArrayList<>(List.of(more));
    all.add(0, hyros(json));
    return Destinations.of(all.toArray(Destination[]::new));
  }
}
