package io.convgate.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * A configured base URL, read once: where the gateway's outbound clients (deliveries, key checks,
 * the read path) send their requests.
 *
 * @param basePath the URL's path with the API root appended, never ending in {@code /}
 */
public record HttpEndpoint(boolean ssl, String host, int port, String basePath) {

  /**
   * @param urlKey the configuration key the URL came from, named when the URL cannot be used
   * @param url {@code http(s)://host[:port][/path]}, without a query or fragment
   * @param apiRoot appended to the URL's path (e.g. {@code /api/v1.0}); empty for none
   */
  public static HttpEndpoint parse(String urlKey, String url, String apiRoot) {
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (!HttpUrls.isHttpWithHost(base)
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          urlKey + " must be http(s)://host[:port][/path] without a query, got '" + url + "'");
    }
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() != -1 ? base.getPort() : ssl ? 443 : 80;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    return new HttpEndpoint(ssl, base.getHost(), port, path + apiRoot);
  }

  /** A keep-alive client with one pool of {@code poolSize} connections to this endpoint. */
  public HttpClient client(Vertx vertx, int connectTimeoutMillis, int poolSize) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(connectTimeoutMillis)
            .setVerifyHost(true),
        new PoolOptions().setHttp1MaxSize(poolSize));
  }

  /**
   * A request to {@code basePath + path} that fails when no byte arrives for {@code idleMillis},
   * asking for JSON.
   */
  public RequestOptions request(HttpMethod method, String path, long idleMillis) {
    return new RequestOptions()
        .setMethod(method)
        .setHost(host)
        .setPort(port)
        .setSsl(ssl)
        .setURI(basePath + path)
        .setIdleTimeout(idleMillis)
        .putHeader("Accept", "application/json");
  }
}
