package io.convgate.ratelimit;

/** One window of a pacer as a gauge shows it: the limit, and the tokens free now. */
public record WindowState(WindowLimit limit, int available) {}
