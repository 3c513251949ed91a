package io.convgate.bench;

import io.convgate.testkit.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * Fills the ledger with finished deliveries generated in PostgreSQL itself ({@code
 * generate_series}, a million rows per statement), as a ledger that has run for a while would hold:
 * the given integrations' rows spread over the dedupe horizon, the first {@code expired} of them
 * older than it (what the retention job removes). The indexes are dropped for the fill and built
 * again after it, sorted: denser than indexes grown one insert at a time (the bytes per row of a
 * ledger grown by real claims come from a run without prefill). Then VACUUM ANALYZE, as autovacuum
 * would have done long ago on a table that old.
 */
final class LedgerFill {

  private static final long CHUNK = 1_000_000;

  private LedgerFill() {}

  /** Returns the seconds the fill took (inserts, index builds and vacuum). */
  static double fill(Database db, long rows, long expired, int integrations, Duration horizon)
      throws SQLException {
    long start = System.nanoTime();
    long horizonSeconds = horizon.toSeconds();
    long young = Math.max(1, rows - expired);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      // Indexes built once at the end (sorted, not one insert at a time), with the memory a sort
      // of that size wants.
      s.execute("DROP INDEX delivery_ledger_by_age");
      s.execute("ALTER TABLE delivery_ledger DROP CONSTRAINT delivery_ledger_pkey");
      for (long from = 1; from <= rows; from += CHUNK) {
        long to = Math.min(rows, from + CHUNK - 1);
        // g <= expired: between horizon + 1 day and horizon + 1 h old; the rest: inside the
        // horizon, from (horizon - 1 h) to a minute old.
        s.execute(
            String.format(
                Locale.ROOT,
                """
                INSERT INTO delivery_ledger (integration_id, idempotency_key, event_id, event_type,
                  state, attempts, last_http_status, hyros_request_id, created_at, updated_at,
                  delivered_at)
                SELECT 'bench-' || (g %% %3$d),
                       'prefill-' || lpad(g::text, 12, '0'),
                       'evt-prefill-' || g,
                       'sale.completed', 'DELIVERED', 1, 200,
                       lpad(to_hex(g * 2654435761), 36, 'f'), t, t, t
                FROM generate_series(%4$d::bigint, %5$d::bigint) AS g,
                LATERAL (SELECT CASE WHEN g <= %2$d
                    THEN now() - make_interval(secs => %6$d + 3600
                                               + 82800.0 * (%2$d - g) / greatest(%2$d, 1))
                    ELSE now() - make_interval(secs => 60 + (%6$d - 3660.0) * (%1$d - g) / %7$d)
                    END AS t) AS age
                """,
                rows,
                expired,
                integrations,
                from,
                to,
                horizonSeconds,
                young));
        System.out.printf(
            Locale.ROOT,
            "  ledger fill %,d of %,d rows (%.0f s)%n",
            to,
            rows,
            (System.nanoTime() - start) / 1e9);
      }
      s.execute("SET maintenance_work_mem = '1GB'");
      s.execute(
          "ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_pkey"
              + " PRIMARY KEY (integration_id, idempotency_key)");
      s.execute("CREATE INDEX delivery_ledger_by_age ON delivery_ledger (created_at)");
      System.out.printf(
          Locale.ROOT, "  ledger indexes built (%.0f s)%n", (System.nanoTime() - start) / 1e9);
      s.execute("VACUUM ANALYZE delivery_ledger");
      // A gateway that has been running wrote its heartbeats back (decision 0057): its start-up
      // does not read the ledger for them.
      s.execute(
          String.format(
              Locale.ROOT,
              "INSERT INTO delivery_heartbeats (integration_id, delivered_at)"
                  + " SELECT 'bench-' || g, now() - interval '1 minute'"
                  + " FROM generate_series(0, %d) AS g ON CONFLICT DO NOTHING",
              integrations - 1));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Bytes on disk per ledger row (table, indexes and TOAST), from PostgreSQL's own figures. */
  static double bytesPerRow(Database db) {
    db.execute("ANALYZE delivery_ledger");
    long bytes = db.count("SELECT pg_total_relation_size('delivery_ledger')");
    long rows = db.count("SELECT count(*) FROM delivery_ledger");
    return rows == 0 ? 0 : bytes / (double) rows;
  }
}
