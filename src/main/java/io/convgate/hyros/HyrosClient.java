package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.destination.HttpSender;
import io.convgate.destination.OutboundCall;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends one {@link OutboundCall} and describes what happened. Never fails its {@code Uni}: I/O
 * errors become a {@link CallResult} with status 0, so the caller's one classifier sees every
 * outcome.
 *
 * <p>Deliveries go through a plain Vert.x HTTP client (keep-alive, one pool for every integration)
 * configured from the {@code quarkus.rest-client.hyros.*} keys: the REST client's per-call
 * machinery (filters, header maps, entity writers, context switches) cost more CPU than the rest of
 * a delivery together (docs/benchmarks.md). The key check, rare, keeps the REST client.
 */
@ApplicationScoped
public class HyrosClient {

  private static final String API_ROOT = "/api/v1.0";

  private final HyrosApi api;
  private final ObjectMapper json;
  private final HttpSender http;

  public HyrosClient(
      @RestClient HyrosApi api,
      ObjectMapper json,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.rest-client.hyros.url") String url,
      @ConfigProperty(name = "quarkus.rest-client.hyros.connect-timeout", defaultValue = "5000")
          int connectTimeoutMillis,
      @ConfigProperty(name = "quarkus.rest-client.hyros.read-timeout", defaultValue = "15000")
          long readTimeoutMillis,
      @ConfigProperty(name = "quarkus.rest-client.hyros.connection-pool-size", defaultValue = "50")
          int poolSize) {
    this.api = api;
    this.json = json;
    this.http =
        new HttpSender(
            vertx,
            "quarkus.rest-client.hyros.url",
            url,
            API_ROOT,
            connectTimeoutMillis,
            readTimeoutMillis,
            poolSize);
  }

  @PreDestroy
  void close() {
    http.close();
  }

  public Uni<CallResult> send(String apiKey, OutboundCall call) {
    try {
      return switch (HyrosOperation.valueOf(call.operation())) {
        case CREATE_LEAD -> request(HttpMethod.POST, "/leads", apiKey, call.body());
        case CREATE_ORDER -> request(HttpMethod.POST, "/orders", apiKey, call.body());
        case REFUND_ORDER -> request(HttpMethod.DELETE, refundPath(call), apiKey, null);
        case UPSERT_CALL -> request(HttpMethod.POST, "/calls", apiKey, call.body());
        case CREATE_SUBSCRIPTION -> request(HttpMethod.POST, "/subscriptions", apiKey, call.body());
        case UPDATE_SUBSCRIPTION -> request(HttpMethod.PUT, "/subscriptions", apiKey, call.body());
        case CREATE_CART -> request(HttpMethod.POST, "/carts", apiKey, call.body());
        case UPDATE_CART -> request(HttpMethod.PUT, "/carts", apiKey, call.body());
      };
    } catch (Exception e) {
      return Uni.createFrom().item(CallResult.ioFailure(e));
    }
  }

  private static String refundPath(OutboundCall call) {
    String path = "/orders/" + HttpSender.encode(call.target());
    return call.parameter() == null
        ? path
        : path + "?refundedAmount=" + HttpSender.encode(call.parameter());
  }

  /** One call; the {@code Uni} is lazy (nothing is sent before it is subscribed to). */
  private Uni<CallResult> request(HttpMethod method, String path, String apiKey, byte[] body) {
    return http.send(method, path, HyrosApi.API_KEY, apiKey, body, this::read);
  }

  private CallResult read(HttpSender.Answer answer) {
    return read(
        answer.status(),
        answer.text(),
        answer.header("Retry-After"),
        answer.header("X-RateLimit-Remaining"),
        answer.header("X-RateLimit-Reset"));
  }

  /** The cheap key check ({@code GET /user-info}): does Hyros answer, and take this key? */
  public Uni<CallResult> checkKey(String apiKey) {
    return api.userInfo(apiKey).map(this::read).onFailure().recoverWithItem(this::fromFailure);
  }

  /** A status turned into an exception by a response mapper is still a response. */
  private CallResult fromFailure(Throwable failure) {
    if (failure instanceof WebApplicationException wae && wae.getResponse() != null) {
      return read(wae.getResponse());
    }
    return CallResult.ioFailure(failure);
  }

  private CallResult read(Response response) {
    try (response) {
      return read(
          response.getStatus(),
          response.hasEntity() ? response.readEntity(String.class) : "",
          response.getHeaderString("Retry-After"),
          response.getHeaderString("X-RateLimit-Remaining"),
          response.getHeaderString("X-RateLimit-Reset"));
    }
  }

  private CallResult read(
      int status, String text, String retryAfter, String remaining, String reset) {
    JsonNode body = HyrosBodies.parse(json, text);
    String requestId = body.hasNonNull("request_id") ? body.get("request_id").asText() : null;
    return new CallResult(
        status,
        requestId,
        HyrosBodies.messages(body, text, status),
        HttpSender.retryAfter(retryAfter, Clock.systemUTC()),
        null,
        integer(remaining),
        epochSeconds(reset));
  }

  private static Integer integer(String header) {
    try {
      return header == null ? null : Integer.valueOf(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epochSeconds(String header) {
    try {
      return header == null ? null : Instant.ofEpochSecond(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
