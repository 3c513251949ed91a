package io.convgate.pipeline;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown. On SIGTERM, before the Kafka channels, the database pool and the HTTP client
 * close, it stops the stages from starting new work, lets the polls in flight finish (their
 * outcomes recorded and their offsets committed), and only then lets shutdown go on, up to a
 * timeout. A poll that starts while draining is left unacknowledged: its offsets are not committed
 * and the next owner of the partition reads it again.
 */
@ApplicationScoped
public class Drain {

  private static final Logger LOGGER = Logger.getLogger(Drain.class);

  private final Duration timeout;
  private int active;
  private volatile boolean draining;

  public Drain(
      @ConfigProperty(name = "convgate.shutdown.drain-timeout", defaultValue = "30s")
          Duration timeout) {
    this.timeout = timeout;
  }

  public boolean draining() {
    return draining;
  }

  /**
   * Runs one poll's work. The returned {@code Uni} completes (acknowledging the poll) when the work
   * reports that it handled the whole poll, and never completes when the work stopped early because
   * of a shutdown.
   */
  public Uni<Void> track(Supplier<Uni<? extends Boolean>> work) {
    if (!enter()) {
      return Uni.createFrom().nothing();
    }
    return Uni.createFrom()
        .<Boolean>deferred(work)
        .onTermination()
        .invoke(this::leave)
        .chain(complete -> complete ? Uni.createFrom().voidItem() : Uni.createFrom().nothing());
  }

  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (active > 0 && System.nanoTime() < deadline) {
        try {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (active > 0) {
        LOGGER.warnf("shutdown drain timed out polls_in_flight=%d timeout=%s", active, timeout);
      } else {
        LOGGER.info("shutdown drain complete");
      }
      // From here the consumers close as designed (decision 0037).
      ClosingConsumersFilter.drainEnded();
    }
  }

  private synchronized boolean enter() {
    if (draining) {
      return false;
    }
    active++;
    return true;
  }

  private synchronized void leave() {
    active--;
    if (active == 0) {
      notifyAll();
    }
  }
}
