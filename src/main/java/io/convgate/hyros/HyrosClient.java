package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.support.HttpUrls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends one {@link HyrosCall} and describes what happened. Never fails its {@code Uni}: I/O errors
 * become a {@link HyrosResult} with status 0, so the caller's one classifier sees every outcome.
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
  private final HttpClient http;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final long readTimeoutMillis;

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
    // The base URL is read once: an absolute URI given to each request is parsed again each time.
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (!HttpUrls.isHttpWithHost(base)
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "quarkus.rest-client.hyros.url must be http(s)://host[:port][/path] without a query,"
              + " got '"
              + url
              + "'");
    }
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost();
    this.port = base.getPort() != -1 ? base.getPort() : ssl ? 443 : 80;
    this.basePath = (base.getRawPath() == null ? "" : base.getRawPath()) + API_ROOT;
    this.readTimeoutMillis = readTimeoutMillis;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(connectTimeoutMillis)
                .setVerifyHost(true),
            new PoolOptions().setHttp1MaxSize(poolSize));
  }

  @PreDestroy
  void close() {
    http.close();
  }

  public Uni<HyrosResult> send(String apiKey, HyrosCall call) {
    try {
      return switch (call.operation()) {
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
      return Uni.createFrom().item(HyrosResult.ioFailure(e));
    }
  }

  private static String refundPath(HyrosCall call) {
    String path = "/orders/" + encode(call.orderId(), false);
    return call.refundedAmount() == null
        ? path
        : path + "?refundedAmount=" + encode(call.refundedAmount(), true);
  }

  /** Percent-encodes all but the unreserved characters (RFC 3986), as a path segment or query. */
  private static String encode(String value, boolean query) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.write(c);
      } else {
        out.write('%');
        out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** One call; the {@code Uni} is lazy (nothing is sent before it is subscribed to). */
  private Uni<HyrosResult> request(HttpMethod method, String path, String apiKey, byte[] body) {
    return Uni.createFrom()
        .<HyrosResult>emitter(
            emitter -> {
              RequestOptions options =
                  new RequestOptions()
                      .setMethod(method)
                      .setHost(host)
                      .setPort(port)
                      .setSsl(ssl)
                      .setURI(basePath + path)
                      .setIdleTimeout(readTimeoutMillis)
                      .putHeader(HyrosApi.API_KEY, apiKey)
                      .putHeader("Accept", "application/json");
              if (body != null) {
                options.putHeader("Content-Type", "application/json");
              }
              // Whether the whole request was written: a failure after that (a timeout, a
              // reset) may follow a call Hyros received; one before it cannot (docs/design.md).
              AtomicBoolean written = new AtomicBoolean();
              http.request(options)
                  .compose(
                      request -> {
                        Future<Void> end =
                            body == null ? request.end() : request.end(Buffer.buffer(body));
                        end.onSuccess(ignored -> written.set(true));
                        return request.response();
                      })
                  .compose(response -> response.body().map(read(response)))
                  .onComplete(
                      done ->
                          emitter.complete(
                              done.succeeded()
                                  ? done.result()
                                  : HyrosResult.ioFailure(done.cause(), written.get())));
            });
  }

  private Function<Buffer, HyrosResult> read(HttpClientResponse response) {
    return buffer ->
        read(
            response.statusCode(),
            buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8),
            response.getHeader("Retry-After"),
            response.getHeader("X-RateLimit-Remaining"),
            response.getHeader("X-RateLimit-Reset"));
  }

  /** The cheap key check ({@code GET /user-info}): does Hyros answer, and take this key? */
  public Uni<HyrosResult> checkKey(String apiKey) {
    return api.userInfo(apiKey).map(this::read).onFailure().recoverWithItem(this::fromFailure);
  }

  /** A status turned into an exception by a response mapper is still a response. */
  private HyrosResult fromFailure(Throwable failure) {
    if (failure instanceof WebApplicationException wae && wae.getResponse() != null) {
      return read(wae.getResponse());
    }
    return HyrosResult.ioFailure(failure);
  }

  private HyrosResult read(Response response) {
    try (response) {
      return read(
          response.getStatus(),
          response.hasEntity() ? response.readEntity(String.class) : "",
          response.getHeaderString("Retry-After"),
          response.getHeaderString("X-RateLimit-Remaining"),
          response.getHeaderString("X-RateLimit-Reset"));
    }
  }

  private HyrosResult read(
      int status, String text, String retryAfter, String remaining, String reset) {
    JsonNode body = HyrosBodies.parse(json, text);
    String requestId = body.hasNonNull("request_id") ? body.get("request_id").asText() : null;
    return new HyrosResult(
        status,
        requestId,
        HyrosBodies.messages(body, text, status),
        retryAfter(retryAfter),
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

  private static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
