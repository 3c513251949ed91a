package io.convgate.support;

import java.net.URI;

/** What the gateway and its CLI accept as the base URL of an HTTP API. */
public final class HttpUrls {

  private HttpUrls() {}

  /**
   * An {@code http} or {@code https} URI whose host {@link URI} could read: anything else is
   * refused rather than guessed (a mistyped scheme must not mean plain HTTP, an unreadable host
   * must not mean localhost).
   */
  public static boolean isHttpWithHost(URI uri) {
    return uri.getHost() != null
        && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
  }
}
