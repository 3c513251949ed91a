package io.convgate.testkit.sandbox;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request ids the sandbox answers with: 32 hex digits, like Hyros' own, unique per sandbox (a
 * random half chosen at start and a counter), without a secure random number per request.
 */
final class RequestIds {

  private final String prefix = hex(ThreadLocalRandom.current().nextLong());
  private final AtomicLong counter = new AtomicLong(ThreadLocalRandom.current().nextLong());

  String next() {
    return prefix + hex(counter.getAndIncrement());
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
