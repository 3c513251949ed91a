package io.convgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is larger than {@code quarkus.http.limits.max-body-size}
 * with the one {@link ApiError} body. Quarkus refuses it before any resource or mapper runs, with a
 * bare 413; this route runs just before that check, on the same terms: the body is not read, and
 * the connection is closed once the answer is sent, so a client cannot make convgate take in a body
 * it will refuse anyway.
 */
@ApplicationScoped
public class BodyLimit {

  /** Just before Quarkus' own check ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
  static final int ORDER = -3;

  private final long limit;
  private final ObjectMapper json;

  public BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize limit,
      ObjectMapper json) {
    this.limit = limit.asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = parse(length);
    if (declared <= limit) {
      context.next();
      return;
    }
    ApiError error =
        new ApiError(
            413,
            "payload-too-large",
            "the request body is "
                + declared
                + " bytes; convgate takes at most "
                + limit
                + " bytes per request (quarkus.http.limits.max-body-size): send a smaller body,"
                + " e.g. a batch of events split over several requests",
            null,
            null);
    byte[] body;
    try {
      body = json.writeValueAsBytes(error);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .endHandler(ended -> context.request().connection().close())
        .end(io.vertx.core.buffer.Buffer.buffer(body));
  }

  /** The declared length; a missing or unreadable one is left to Quarkus and the resource. */
  private static long parse(String length) {
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
