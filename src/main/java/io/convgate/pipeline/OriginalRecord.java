package io.convgate.pipeline;

import java.util.Map;

/**
 * Where an event was first read, and its exact bytes, so a dead letter can reproduce it byte for
 * byte whichever stage gives up on it.
 *
 * @param topic the input topic
 * @param partition its partition
 * @param offset its offset
 * @param key the record key, or null
 * @param value the record value
 * @param headers the record headers (last value per name)
 */
public record OriginalRecord(
    String topic,
    int partition,
    long offset,
    byte[] key,
    byte[] value,
    Map<String, byte[]> headers) {}
