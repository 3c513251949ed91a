package io.convgate.console;

import io.convgate.api.Access;
import io.convgate.api.ApiException;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The delivery ledger's row for a dead letter's delivery (found by its integration and idempotency
 * key, the ledger's primary key): what convgate recorded of its calls to Hyros. An event refused
 * before any call has none.
 */
@Path("/api/v1/dead-letters/{id}/ledger")
@Tag(name = "Dead letters", description = "Dead letters and replays")
public class LedgerRowResource {

  private final Pool pool;

  public LedgerRowResource(Pool pool) {
    this.pool = pool;
  }

  /** One ledger row. */
  public record LedgerRow(
      String integrationId,
      String idempotencyKey,
      String eventId,
      String eventType,
      String state,
      int attempts,
      int inDoubtCount,
      int timeoutRepeats,
      int connectionLostRepeats,
      Integer lastHttpStatus,
      String hyrosRequestId,
      String lastError,
      Instant createdAt,
      Instant updatedAt,
      Instant deliveredAt) {}

  /** The answer: {@code row} is null when the delivery never reached the ledger. */
  public record Answer(long deadLetterId, LedgerRow row) {}

  @GET
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.READ)
  @Operation(summary = "The ledger row of a dead letter's delivery, if it has one")
  public Uni<Answer> row(@PathParam("id") String id) {
    long letter;
    try {
      letter = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no dead letter with id '" + id + "' (ids are numbers)");
    }
    return pool.preparedQuery(
            "SELECT d.id AS letter, l.* FROM dead_letters d LEFT JOIN delivery_ledger l"
                + " ON l.integration_id = d.integration_id"
                + " AND l.idempotency_key = d.idempotency_key WHERE d.id = $1")
        .execute(Tuple.of(letter))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ApiException.notFound("no dead letter with id " + letter);
              }
              Row row = rows.iterator().next();
              return new Answer(letter, row.getString("state") == null ? null : toRow(row));
            });
  }

  private static LedgerRow toRow(Row row) {
    return new LedgerRow(
        row.getString("integration_id"),
        row.getString("idempotency_key"),
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("state"),
        row.getInteger("attempts"),
        row.getInteger("in_doubt_count"),
        row.getInteger("timeout_repeats"),
        row.getInteger("connection_lost_repeats"),
        row.getInteger("last_http_status"),
        row.getString("hyros_request_id"),
        row.getString("last_error"),
        instant(row.getOffsetDateTime("created_at")),
        instant(row.getOffsetDateTime("updated_at")),
        instant(row.getOffsetDateTime("delivered_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
