package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A decoded, schema-valid event of contract v1.
 *
 * @param id the producer's event id (CloudEvents {@code id})
 * @param source the producing system (CloudEvents {@code source})
 * @param type the event type
 * @param time the business time of the event, with the producer's offset
 * @param subject optional subject (CloudEvents {@code subject}), may be null
 * @param integration the id of the integration (Hyros account) the producer named, or null when it
 *     named none and the event goes where the routes send it (docs/decisions/0053)
 * @param data the type-specific payload, already validated against the type's JSON Schema
 */
public record ConversionEvent(
    String id,
    String source,
    EventType type,
    OffsetDateTime time,
    String subject,
    String integration,
    JsonNode data) {}
