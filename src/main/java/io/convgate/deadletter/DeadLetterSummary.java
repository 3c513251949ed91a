package io.convgate.deadletter;

import java.time.Instant;

/** A dead letter in a list. */
public record DeadLetterSummary(
    long id,
    DeadLetterState state,
    String stage,
    String reasonCode,
    String reason,
    Integer httpStatus,
    String integration,
    String eventId,
    String eventType,
    String sourceTopic,
    Instant deadLetteredAt,
    int replayCount) {}
