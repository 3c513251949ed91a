package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * An accepted request's body: kept as it arrived, and read into JSON once, the first time a test
 * asks for it. Tests poll the sandbox's deliveries every 100 ms while thousands arrive; reading
 * every body again on each poll was an eighth of the test JVM's CPU samples (decision 0068). The
 * bytes are dropped once read, so a long benchmark still keeps one array per request it never asks
 * about.
 */
final class ReceivedBody {

  private byte[] raw;
  private JsonNode tree;

  ReceivedBody(byte[] raw) {
    this.raw = raw;
  }

  /** The body as JSON (null without one, or when it is not JSON), the same tree on every call. */
  synchronized JsonNode tree(Function<byte[], JsonNode> parse) {
    if (raw != null) {
      tree = parse.apply(raw);
      raw = null;
    }
    return tree;
  }
}
