package io.convgate.deadletter;

import io.convgate.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Refuses (409) a replay that names dead letters of a retired integration, by id or by the filter's
 * integration: they cannot be delivered, and sending them again would only dead-letter them again
 * (decision 0035). A broader filter is not refused; its plan says why those would fail.
 */
@ApplicationScoped
public class ReplayGuard {

  private static final String BY_IDS =
      "SELECT i.id, i.retired_at, array_agg(d.id ORDER BY d.id) AS letters"
          + " FROM dead_letters d JOIN integrations i ON i.id = d.integration_id"
          + " WHERE d.id = ANY($1) AND i.status = 'RETIRED'"
          + " GROUP BY i.id, i.retired_at ORDER BY i.id";

  private static final String BY_INTEGRATION =
      "SELECT i.id, i.retired_at, NULL::bigint[] AS letters FROM integrations i"
          + " WHERE i.id = $1 AND i.status = 'RETIRED'";

  private final Pool pool;

  public ReplayGuard(Pool pool) {
    this.pool = pool;
  }

  /** Passes, or fails with a 409 naming the retired integrations and their dead letters. */
  public Uni<Void> refuseRetired(List<Long> ids, DeadLetterFilter filter) {
    Uni<RowSet<Row>> rows;
    if (!ids.isEmpty()) {
      rows = pool.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(Long[]::new)));
    } else if (filter.integration() != null) {
      rows = pool.preparedQuery(BY_INTEGRATION).execute(Tuple.of(filter.integration()));
    } else {
      return Uni.createFrom().voidItem();
    }
    return rows.invoke(
            found -> {
              List<String> retired = new ArrayList<>();
              for (Row row : found) {
                Long[] letters = row.getArrayOfLongs("letters");
                retired.add(
                    "integration '"
                        + row.getString("id")
                        + "' was retired on "
                        + row.getOffsetDateTime("retired_at").toInstant()
                        + (letters == null
                            ? ""
                            : " (dead letters " + Arrays.toString(letters) + ")"));
              }
              if (!retired.isEmpty()) {
                throw ApiException.conflict(
                    String.join("; ", retired)
                        + ": convgate no longer delivers its events, so they cannot be replayed;"
                        + " discard them, or send the events again under a live integration");
              }
            })
        .replaceWithVoid();
  }
}
