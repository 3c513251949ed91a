package io.convgate.testkit;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client the tests use against the sandboxes and the gateway: HTTP/1.1 only, as the CLI's
 * client. The JDK client's default tries a clear-text upgrade to HTTP/2 on the first request, and
 * with the sandboxes' Vert.x servers that upgrade once left a request unanswered for ever (a CI run
 * hung in ListEndpointsTest with every thread idle); the gateway's callers speak HTTP/1.1 anyway.
 */
public final class TestHttp {

  /** A request that gets no answer in this time fails the test instead of hanging the run. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private TestHttp() {}

  public static HttpClient client() {
    return builder().build();
  }

  /** For a client that needs more (cookies, redirects). */
  public static HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10));
  }
}
