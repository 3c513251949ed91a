package io.convgate.console;

import io.convgate.api.Access;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.integration.IntegrationAdmin;
import io.convgate.integration.IntegrationView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Everything an operator reads first about every integration, in one answer: the integration, why
 * it is held, the pace it uses against its limits, deliveries per minute, and the consumer lag per
 * partition. Held reasons, pace and lag are the gauges this instance exports ({@code
 * convgate.integration.held}, {@code convgate.ratelimit.*}, {@code convgate.consumer.lag}), so the
 * overview says what Prometheus says.
 */
@Path("/api/v1/overview")
@Tag(name = "Overview", description = "Integrations with their holds, pace and lag, at a glance")
public class OverviewResource {

  private final IntegrationAdmin integrations;
  private final MeterRegistry registry;
  private final DeliveryRates rates;
  private final Clock clock;

  public OverviewResource(
      IntegrationAdmin integrations, MeterRegistry registry, DeliveryRates rates, Clock clock) {
    this.integrations = integrations;
    this.registry = registry;
    this.rates = rates;
    this.clock = clock;
  }

  /** One rate-limit window: how many calls it allows and how many of them are in use now. */
  public record Pace(String window, long limit, long used) {}

  /** One integration's line. */
  public record Line(
      IntegrationView integration, String heldFor, List<Pace> pace, double deliveriesPerMinute) {}

  /** Consumer lag of one partition. */
  public record Lag(String group, String topic, int partition, long lag) {}

  /** The overview. */
  public record Overview(Instant at, List<Line> integrations, List<Lag> lag) {}

  @GET
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "Every integration with its hold, pace and deliveries; consumer lag")
  public Uni<Overview> overview() {
    return integrations
        .list()
        .map(
            views -> {
              Map<String, String> held = new HashMap<>();
              for (Gauge gauge : registry.find("convgate.integration.held").gauges()) {
                if (gauge.value() > 0) {
                  held.put(gauge.getId().getTag("integration"), gauge.getId().getTag("reason"));
                }
              }
              Map<String, List<Pace>> pace = pace();
              List<Line> lines =
                  views.stream()
                      .map(
                          view ->
                              new Line(
                                  view,
                                  held.get(view.id()),
                                  pace.getOrDefault(view.id(), List.of()),
                                  rates.perMinute(view.id())))
                      .toList();
              return new Overview(clock.instant(), lines, lag());
            });
  }

  private Map<String, List<Pace>> pace() {
    Map<String, Double> available = new HashMap<>();
    for (Gauge gauge : registry.find("convgate.ratelimit.available.tokens").gauges()) {
      available.put(key(gauge), gauge.value());
    }
    Map<String, List<Pace>> pace = new HashMap<>();
    for (Gauge gauge : registry.find("convgate.ratelimit.limit").gauges()) {
      String integration = gauge.getId().getTag("integration");
      long limit = Math.round(gauge.value());
      long free = Math.round(available.getOrDefault(key(gauge), gauge.value()));
      pace.computeIfAbsent(integration, k -> new ArrayList<>())
          .add(new Pace(gauge.getId().getTag("window"), limit, Math.max(0, limit - free)));
    }
    pace.values().forEach(list -> list.sort(Comparator.comparing(Pace::window)));
    return pace;
  }

  private static String key(Gauge gauge) {
    return gauge.getId().getTag("integration") + " " + gauge.getId().getTag("window");
  }

  private List<Lag> lag() {
    List<Lag> lag = new ArrayList<>();
    for (Gauge gauge : registry.find("convgate.consumer.lag").gauges()) {
      String partition = gauge.getId().getTag("partition");
      lag.add(
          new Lag(
              gauge.getId().getTag("group"),
              gauge.getId().getTag("topic"),
              partition == null ? -1 : Integer.parseInt(partition),
              Math.round(gauge.value())));
    }
    lag.sort(
        Comparator.comparing(Lag::group).thenComparing(Lag::topic).thenComparing(Lag::partition));
    return lag;
  }
}
