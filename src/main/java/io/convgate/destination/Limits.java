package io.convgate.destination;

/**
 * A destination's rate limits per integration (per key), in sliding windows.
 *
 * @param requestsPerSecond requests in any sliding second
 * @param requestsPerMinute requests in any sliding minute
 */
public record Limits(int requestsPerSecond, int requestsPerMinute) {}
