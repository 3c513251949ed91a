package io.convgate.pipeline;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Background work on a Vert.x timer (lag, gauges, releases of parked deliveries, replay jobs),
 * stopped as the application stops: a tick after shutdown would find the beans it calls gone and
 * log an error for nothing. Each task picks up where it left off at the next start.
 */
@ApplicationScoped
public class Periodic {

  private final Vertx vertx;
  private final List<Long> timers = new CopyOnWriteArrayList<>();

  public Periodic(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs the task every interval, on an event loop, until the application stops. */
  public void every(Duration interval, Runnable task) {
    timers.add(vertx.setPeriodic(interval.toMillis(), id -> task.run()));
  }

  void onStop(@Observes ShutdownEvent stop) {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }
}
