package io.convgate.delivery;

import io.convgate.destination.CallResult;
import io.convgate.destination.FailureClass;
import java.time.Instant;

/**
 * How sending one command ended, after any retries.
 *
 * @param finalClass SUCCESS, or the class of the failure that ended it
 * @param last the last result
 * @param attempts calls made
 * @param firstAttemptAt when the first call was made
 * @param lastAttemptAt when the last call was made
 * @param retriesExhausted true when a retryable failure outlived the retry budget
 * @param repeats calls made again after a call Hyros may have received (a timeout, a lost
 *     connection)
 */
record Attempted(
    FailureClass finalClass,
    CallResult last,
    int attempts,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    boolean retriesExhausted,
    Repeats repeats) {}
