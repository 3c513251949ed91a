package io.convgate.testkit.sandbox.hyperaktiv;

import java.time.Instant;

/**
 * Every request the Hyperaktiv sandbox answered, refused ones included, so a test can count the
 * 401s or 429s a gateway caused. The key is kept by its last four characters only.
 *
 * @param ref the {@code ref} query parameter, or null
 * @param status the status answered; 0 when the connection was closed without an answer
 * @param message the error message answered, or null on success
 */
public record Answer(
    String method,
    String path,
    String ref,
    String keyEnd,
    int status,
    String message,
    Instant at) {}
