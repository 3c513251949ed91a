package io.convgate.deadletter;

import io.convgate.event.FieldError;
import io.convgate.pipeline.OriginalRecord;
import java.time.Instant;
import java.util.List;

/**
 * A record convgate gives up on, with everything an operator needs to decide what to do.
 *
 * @param original the record as it was read, reproduced byte for byte
 * @param stage {@code ingest} or {@code delivery}
 * @param reasonCode a stable code to filter by, e.g. {@code invalid-data}, {@code hyros-rejected}
 * @param reason a sentence saying what is wrong
 * @param causeClass the class of the error behind it, if any
 * @param fieldErrors field-level errors (ingest), empty otherwise
 * @param httpStatus Hyros' last HTTP status (delivery), or null
 * @param hyrosMessages Hyros' {@code message[]} (delivery), empty otherwise
 * @param attempts calls made to Hyros
 * @param firstAttemptAt when the first call was made, or null
 * @param lastAttemptAt when the last call was made, or null
 * @param integration the integration id, when known
 * @param eventId the event id, when known
 * @param eventType the event type, when known
 */
public record DeadLetter(
    OriginalRecord original,
    String stage,
    String reasonCode,
    String reason,
    String causeClass,
    List<FieldError> fieldErrors,
    Integer httpStatus,
    List<String> hyrosMessages,
    int attempts,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    String integration,
    String eventId,
    String eventType) {}
