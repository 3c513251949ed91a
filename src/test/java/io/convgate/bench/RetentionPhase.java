package io.convgate.bench;

import io.convgate.retention.RetainedTable;
import io.convgate.testkit.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The retention job's cost while traffic flows: its ledger statement (the one the job runs, a batch
 * of 5,000 rows at a time, back to back on one connection as the job does) removes the expired rows
 * while a latency phase runs, worst case: a backlog of a day's expired rows, not the trickle of a
 * job that runs every ten minutes.
 */
final class RetentionPhase {

  private static final int BATCH = 5_000;

  private RetentionPhase() {}

  record Result(List<Long> added, long removed, double seconds, List<Long> batchMillis) {

    void print(int rate) {
      List<Long> sorted = new ArrayList<>(batchMillis);
      sorted.sort(Long::compare);
      System.out.printf(
          Locale.ROOT,
          "added latency @ %d/s      p50 %d ms, p95 %d ms, p99 %d ms (%d events) while retention"
              + " ran (phase 3)%n",
          rate,
          pct(added, 50),
          pct(added, 95),
          pct(added, 99),
          added.size());
      System.out.printf(
          Locale.ROOT,
          "retention in phase 3       %,d expired ledger rows removed in %.1f s (%.0f rows/s),"
              + " %d statements of %d: p50 %d ms, p99 %d ms, max %d ms%n",
          removed,
          seconds,
          removed / Math.max(seconds, 0.001),
          sorted.size(),
          BATCH,
          pct(sorted, 50),
          pct(sorted, 99),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    }
  }

  static Result during(Database db, Duration horizon, Callable<List<Long>> traffic)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> batches = new ArrayList<>();
    long[] removed = new long[1];
    double[] seconds = new double[1];
    Thread remover =
        new Thread(
            () -> {
              long start = System.nanoTime();
              try (Connection c = db.connect();
                  PreparedStatement s = c.prepareStatement(jdbc(RetainedTable.LEDGER))) {
                // the reactive client's $1 and $2, in the order they appear, as JDBC's ?s
                java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\$([0-9]+)")
                        .matcher(RetainedTable.LEDGER.removeBatch());
                for (int i = 1; m.find(); i++) {
                  s.setLong(i, m.group(1).equals("1") ? horizon.toSeconds() : BATCH);
                }
                int n;
                do {
                  long t = System.nanoTime();
                  n = s.executeUpdate();
                  batches.add((System.nanoTime() - t) / 1_000_000);
                  removed[0] += n;
                } while (n == BATCH && !stop.get());
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              seconds[0] = (System.nanoTime() - start) / 1e9;
            },
            "retention-phase");
    remover.start();
    List<Long> added = traffic.call();
    stop.set(true);
    remover.join();
    return new Result(added, removed[0], seconds[0], batches);
  }

  /** The reactive client's $n placeholders as JDBC's. */
  private static String jdbc(RetainedTable table) {
    return table.removeBatch().replaceAll("\\$[0-9]+", "?");
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
