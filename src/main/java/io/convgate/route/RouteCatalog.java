package io.convgate.route;

import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The route table this instance routes with. Loaded before the first event is routed, then kept
 * current by reading {@code routes_version} every {@link RouteConfig#pollInterval()} and reloading
 * when it moved; a change made here reloads at once. No restart, and on N instances each follows
 * within one poll interval (decision 0053).
 */
@ApplicationScoped
public class RouteCatalog {

  private static final Logger LOGGER = Logger.getLogger(RouteCatalog.class);

  private final RouteStore store;
  private final RouteConfig config;
  private final Periodic periodic;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile RouteTable table;

  public RouteCatalog(
      RouteStore store, RouteConfig config, Periodic periodic, MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.periodic = periodic;
    Gauge.builder("convgate.routes.loaded", this, catalog -> catalog.current().size())
        .description("Enabled routes in this instance's route table")
        .register(registry);
  }

  void onStart(@Observes StartupEvent start) {
    periodic.every(config.pollInterval(), this::check);
  }

  /** The table, loading it first if this instance has none yet. */
  public Uni<RouteTable> table() {
    RouteTable loaded = table;
    return loaded != null ? Uni.createFrom().item(loaded) : reload();
  }

  /** The table as loaded, or the empty one before the first load. */
  public RouteTable current() {
    RouteTable loaded = table;
    return loaded == null ? RouteTable.EMPTY : loaded;
  }

  /** Reads every route now and routes with them from here on. */
  public Uni<RouteTable> reload() {
    return store
        .snapshot()
        .map(snapshot -> install(RouteTable.of(snapshot.routes(), snapshot.version())));
  }

  /** Keeps the newer of the table held and the one read: two reloads may finish out of order. */
  private synchronized RouteTable install(RouteTable read) {
    RouteTable held = table;
    if (held == null || read.version() >= held.version()) {
      if (held == null || read.version() != held.version()) {
        LOGGER.infof(
            "routes loaded: version=%s enabled=%d", LogSafe.of(read.version()), read.size());
      }
      table = read;
      return read;
    }
    return held;
  }

  private void check() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    store
        .version()
        .chain(
            version -> {
              RouteTable held = table;
              return held != null && held.version() == version
                  ? Uni.createFrom().item(held)
                  : reload();
            })
        .subscribe()
        .with(
            ignored -> checking.set(false),
            error -> {
              checking.set(false);
              LOGGER.warnf(
                  "routes not checked, routing with the table held: %s",
                  LogSafe.of(error.getMessage(), LogSafe.TEXT));
            });
  }
}
