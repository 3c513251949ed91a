package io.convgate.destination;

import io.convgate.support.HttpEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The HTTP part every destination's client shares: one plain Vert.x client (keep-alive, one pool
 * for every integration of its kind) to one base URL, read once. It sends one request and hands the
 * answer to the plug-in's reader; it never fails its {@code Uni}: an I/O error is a {@link
 * CallResult#ioFailure(Throwable, boolean)} that says whether the whole request had been written
 * (then the destination may have received it).
 *
 * <p>Plug-ins own their paths, headers and the reading of answers; this class never logs (the key
 * travels in a header it does not look at).
 */
public final class HttpSender implements AutoCloseable {

  /** One answer: its status, its body as text (empty when none) and its headers. */
  public record Answer(int status, String text, MultiMap headers) {

    public String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpClient http;
  private final HttpEndpoint endpoint;
  private final long readTimeoutMillis;

  /**
   * @param urlKey the configuration key the URL came from, named when the URL cannot be used
   * @param url {@code http(s)://host[:port][/path]}, without a query or fragment
   * @param apiRoot appended to the URL's path (e.g. {@code /api/v1.0}); empty for none
   */
  public HttpSender(
      Vertx vertx,
      String urlKey,
      String url,
      String apiRoot,
      int connectTimeoutMillis,
      long readTimeoutMillis,
      int poolSize) {
    this.endpoint = HttpEndpoint.parse(urlKey, url, apiRoot);
    this.readTimeoutMillis = readTimeoutMillis;
    this.http = endpoint.client(vertx, connectTimeoutMillis, poolSize);
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * One call; lazy (nothing is sent before it is subscribed to).
   *
   * @param path the path below the base (and API root), already encoded, with its query if any
   * @param authHeader the header that carries the secret, e.g. {@code Authorization}
   * @param authValue its value; never logged
   * @param body the JSON body, or null for none
   * @param read reads an answer into a result
   */
  public Uni<CallResult> send(
      HttpMethod method,
      String path,
      String authHeader,
      String authValue,
      byte[] body,
      Function<Answer, CallResult> read) {
    return Uni.createFrom()
        .<CallResult>emitter(
            emitter -> {
              RequestOptions options =
                  endpoint
                      .request(method, path, readTimeoutMillis)
                      .putHeader(authHeader, authValue);
              if (body != null) {
                options.putHeader("Content-Type", "application/json");
              }
              // Whether the whole request was written: a failure after that (a timeout, a
              // reset) may follow a call the destination received; one before it cannot.
              AtomicBoolean written = new AtomicBoolean();
              http.request(options)
                  .compose(
                      request -> {
                        Future<Void> end =
                            body == null ? request.end() : request.end(Buffer.buffer(body));
                        end.onSuccess(ignored -> written.set(true));
                        return request.response();
                      })
                  .compose(
                      response ->
                          response
                              .body()
                              .map(
                                  buffer ->
                                      new Answer(
                                          response.statusCode(),
                                          buffer == null
                                              ? ""
                                              : buffer.toString(StandardCharsets.UTF_8),
                                          response.headers())))
                  .onComplete(
                      done -> {
                        CallResult result;
                        if (done.succeeded()) {
                          try {
                            result = read.apply(done.result());
                          } catch (RuntimeException e) {
                            result = CallResult.ioFailure(e, true);
                          }
                        } else {
                          result = CallResult.ioFailure(done.cause(), written.get());
                        }
                        emitter.complete(result);
                      });
            });
  }

  /**
   * Percent-encodes all but the unreserved characters (RFC 3986): safe as a path segment and as a
   * query value.
   */
  public static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (unreserved(c)) {
        out.write(c);
      } else {
        out.write('%');
        out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** RFC 3986's unreserved characters: letters, digits, {@code - . _ ~}. */
  public static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /**
   * {@code Retry-After} as seconds or as an HTTP date (RFC 9110); null when absent or unreadable. A
   * date in the past is no wait.
   */
  public static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(clock), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
