package io.convgate.testkit.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** Starts a sandbox's HTTP server on 127.0.0.1. */
public final class SandboxServers {

  private SandboxServers() {}

  /**
   * @param port 0 for a free one
   * @param name the sandbox, named when it cannot listen
   */
  public static HttpServer listen(Vertx vertx, Router router, int port, String name) {
    try {
      return vertx
          .createHttpServer()
          .requestHandler(router)
          .listen(port, "127.0.0.1")
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the " + name + " sandbox cannot listen on port " + port, e);
    }
  }
}
