package io.convgate.deadletter;

import java.time.Instant;

/**
 * Which dead letters an operator means; every field is optional.
 *
 * @param integration the integration id
 * @param type the event type, e.g. {@code sale.completed}
 * @param reason the reason code, e.g. {@code hyros-rejected}
 * @param httpStatus Hyros' last HTTP status
 * @param state the state
 * @param from dead-lettered at or after
 * @param to dead-lettered before
 */
public record DeadLetterFilter(
    String integration,
    String type,
    String reason,
    Integer httpStatus,
    DeadLetterState state,
    Instant from,
    Instant to) {

  static final String WHERE =
      " WHERE ($1::text IS NULL OR integration_id = $1) AND ($2::text IS NULL OR event_type = $2)"
          + " AND ($3::text IS NULL OR reason_code = $3) AND ($4::int IS NULL OR http_status = $4)"
          + " AND ($5::text IS NULL OR state = $5)"
          + " AND ($6::timestamptz IS NULL OR dead_lettered_at >= $6)"
          + " AND ($7::timestamptz IS NULL OR dead_lettered_at < $7)";

  java.util.List<Object> args() {
    return java.util.Arrays.asList(
        integration,
        type,
        reason,
        httpStatus,
        state == null ? null : state.name(),
        from == null ? null : from.atOffset(java.time.ZoneOffset.UTC),
        to == null ? null : to.atOffset(java.time.ZoneOffset.UTC));
  }
}
