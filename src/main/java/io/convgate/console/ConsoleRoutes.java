package io.convgate.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console's pages are static files under {@code /console/} (one HTML page, one script, one
 * style sheet; nothing from elsewhere). This sends {@code /console} to {@code /console/} and gives
 * every console answer a strict content security policy: only this server's own script and style
 * run, nothing may frame the console, and nothing is cached.
 */
@ApplicationScoped
public class ConsoleRoutes {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  void routes(@Observes Router router) {
    router
        .routeWithRegex("^/console$")
        .order(-10)
        .handler(rc -> rc.response().setStatusCode(303).putHeader("Location", "/console/").end());
    router
        .routeWithRegex("^/console/.*")
        .order(-10)
        .handler(
            rc -> {
              rc.response()
                  .putHeader("Content-Security-Policy", POLICY)
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .putHeader("Referrer-Policy", "no-referrer")
                  .putHeader("Cache-Control", "no-store");
              rc.next();
            });
  }
}
