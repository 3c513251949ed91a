package io.convgate.integration;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs Hibernate Reactive work on a fresh duplicated Vert.x context marked safe, whichever thread
 * asks (a Kafka poll, an HTTP client callback, a timer): Hibernate Reactive refuses any other.
 */
@ApplicationScoped
public class SafeContext {

  private final Vertx vertx;

  public SafeContext(Vertx vertx) {
    this.vertx = vertx;
  }

  public <T> Uni<T> run(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
              VertxContextSafetyToggle.setContextSafe(context, true);
              context.runOnContext(
                  ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
            });
  }
}
