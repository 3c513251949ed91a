package io.convgate.cli;

/** No answer from the server at all: refused, unknown host, timed out, connection dropped. */
final class CannotConnectException extends RuntimeException {

  private final String url;

  CannotConnectException(String url, String reason, Throwable cause) {
    super(reason, cause);
    this.url = url;
  }

  /** The base URL the CLI was told to use (--url or CONVGATE_URL). */
  String url() {
    return url;
  }
}
