package io.convgate.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Waiting without a thread: a Vert.x timer completes the {@code Uni}. Never a sleep. */
@ApplicationScoped
public class Timers {

  private final Vertx vertx;

  public Timers(Vertx vertx) {
    this.vertx = vertx;
  }

  public Uni<Void> after(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().emitter(e -> vertx.setTimer(wait.toMillis(), id -> e.complete(null)));
  }
}
