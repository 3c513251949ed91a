package io.convgate.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sync_records} fingerprints, and the one transaction that ends a page: the fingerprints
 * of the records just published, and the cursor moved past the page, together.
 */
@ApplicationScoped
public class PageStore {

  private final Pool pool;

  public PageStore(Pool pool) {
    this.pool = pool;
  }

  /** The fingerprint last published of each of these records, by Hyros id (absent: never). */
  Uni<Map<String, String>> published(RunTarget run, List<String> hyrosIds) {
    if (hyrosIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(
            "SELECT hyros_id, fingerprint FROM sync_records WHERE integration_id = $1"
                + " AND resource = $2 AND hyros_id = ANY($3)")
        .execute(
            Tuple.of(run.integrationId(), run.resource().code(), hyrosIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, String> known = new HashMap<>();
              rows.forEach(
                  row -> known.put(row.getString("hyros_id"), row.getString("fingerprint")));
              return known;
            });
  }

  /**
   * After the page's changes are on their topic: stores their fingerprints and moves the cursor to
   * {@code nextPageId} (null: the window is read), renewing the lease. False when the lease was
   * lost (another instance took the run over): the runner stops.
   */
  Uni<Boolean> pageDone(
      RunTarget run,
      List<ReadRecord> published,
      String nextPageId,
      int read,
      String owner,
      Duration lease) {
    String[] ids = published.stream().map(ReadRecord::hyrosId).toArray(String[]::new);
    String[] prints = published.stream().map(ReadRecord::fingerprint).toArray(String[]::new);
    String cursor =
        run.isBackfill()
            ? "UPDATE sync_backfills SET page_id = $2, pages = pages + 1, records_read ="
                + " records_read + $3, records_published = records_published + $4, lease_until ="
                + " now() + $5::bigint * interval '1 millisecond' WHERE id = $1 AND lease_owner = $6"
            : "UPDATE sync_jobs SET page_id = $2, run_read = run_read + $3, run_published ="
                + " run_published + $4, records_read = records_read + $3, records_published ="
                + " records_published + $4, lease_until = now() + $5::bigint * interval"
                + " '1 millisecond' WHERE integration_id = $1 AND lease_owner = $6 AND resource = $7";
    List<Object> params =
        new java.util.ArrayList<>(
            java.util.Arrays.asList(
                run.isBackfill() ? run.backfillId() : run.integrationId(),
                nextPageId,
                (long) read,
                (long) ids.length,
                lease.toMillis(),
                owner));
    if (!run.isBackfill()) {
      params.add(run.resource().code());
    }
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(cursor)
                .execute(Tuple.from(params))
                .chain(
                    updated -> {
                      if (updated.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                      }
                      if (ids.length == 0) {
                        return Uni.createFrom().item(true);
                      }
                      return tx.preparedQuery(
                              "INSERT INTO sync_records (integration_id, resource, hyros_id,"
                                  + " fingerprint) SELECT $1, $2, u.id, u.fp FROM unnest($3::text[],"
                                  + " $4::text[]) AS u(id, fp) ON CONFLICT (integration_id, resource,"
                                  + " hyros_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
                                  + " changed_at = now()")
                          .execute(
                              Tuple.of(run.integrationId(), run.resource().code(), ids, prints))
                          .replaceWith(true);
                    }));
  }
}
