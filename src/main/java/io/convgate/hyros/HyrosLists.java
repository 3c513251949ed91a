package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.support.HttpEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads one page of a Hyros list endpoint ({@code GET /leads}, {@code /sales}, {@code /calls},
 * {@code /subscriptions}). A client of its own, so that the delivery path ({@link HyrosClient}) is
 * unchanged by reads; never fails its {@code Uni}: I/O errors are a result with status 0.
 */
@ApplicationScoped
public class HyrosLists {

  private static final String API_ROOT = "/api/v1.0";
  private static final int READ_POOL = 8;

  private final ObjectMapper json;
  private final HttpClient http;
  private final HttpEndpoint endpoint;
  private final long readTimeoutMillis;

  public HyrosLists(
      ObjectMapper json,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.rest-client.hyros.url") String url,
      @ConfigProperty(name = "quarkus.rest-client.hyros.connect-timeout", defaultValue = "5000")
          int connectTimeoutMillis,
      @ConfigProperty(name = "quarkus.rest-client.hyros.read-timeout", defaultValue = "15000")
          long readTimeoutMillis) {
    this.json = json;
    this.endpoint = HttpEndpoint.parse("quarkus.rest-client.hyros.url", url, API_ROOT);
    this.readTimeoutMillis = readTimeoutMillis;
    this.http = endpoint.client(vertx, connectTimeoutMillis, READ_POOL);
  }

  @PreDestroy
  void close() {
    http.close();
  }

  /**
   * @param resource the path segment: {@code leads}, {@code sales}, {@code calls} or {@code
   *     subscriptions}
   * @param query the parameters, in the order given (the same for every page of one read)
   */
  public Uni<HyrosPage> page(String apiKey, String resource, Map<String, String> query) {
    StringBuilder uri = new StringBuilder("/").append(resource);
    char sep = '?';
    for (Map.Entry<String, String> entry : query.entrySet()) {
      uri.append(sep)
          .append(entry.getKey())
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    RequestOptions options =
        endpoint
            .request(HttpMethod.GET, uri.toString(), readTimeoutMillis)
            .putHeader(HyrosApi.API_KEY, apiKey);
    return Uni.createFrom()
        .<HyrosPage>emitter(
            emitter ->
                http.request(options)
                    .compose(request -> request.send())
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    body ->
                                        read(
                                            response.statusCode(),
                                            body == null
                                                ? ""
                                                : body.toString(StandardCharsets.UTF_8),
                                            response.getHeader("Retry-After"),
                                            response.getHeader("X-RateLimit-Remaining"),
                                            response.getHeader("X-RateLimit-Reset"))))
                    .onComplete(
                        done ->
                            emitter.complete(
                                done.succeeded()
                                    ? done.result()
                                    : new HyrosPage(
                                        CallResult.ioFailure(done.cause(), true),
                                        List.of(),
                                        null))));
  }

  private HyrosPage read(
      int status, String text, String retryAfter, String remaining, String reset) {
    JsonNode body = HyrosBodies.parse(json, text);
    String requestId = body.hasNonNull("request_id") ? body.get("request_id").asText() : null;
    List<JsonNode> records = new ArrayList<>();
    String next = null;
    boolean ok = status >= 200 && status < 300;
    if (ok) {
      JsonNode result = body.get("result");
      if (result == null || !result.isArray()) {
        status = 502;
      } else {
        result.forEach(records::add);
        JsonNode nextPage = body.get("nextPageId");
        next =
            nextPage == null || nextPage.isNull() || nextPage.asText().isBlank()
                ? null
                : nextPage.asText();
      }
    }
    CallResult result =
        new CallResult(
            status,
            requestId,
            status == 502 && ok
                ? List.of("a list answer without a result array")
                : HyrosBodies.messages(body, text, status),
            seconds(retryAfter),
            null,
            integer(remaining),
            epochSeconds(reset));
    return new HyrosPage(result, status == 502 && ok ? List.of() : records, next);
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

  private static Duration seconds(String header) {
    try {
      return header == null || header.isBlank()
          ? null
          : Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
