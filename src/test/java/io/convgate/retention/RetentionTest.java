package io.convgate.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Database;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The retention job removes from each table what is older than its setting, and only that: young
 * rows, unfinished ledger rows, open dead letters and running replay jobs stay. Rows are written
 * with their ages straight into the real database; the job runs as it does on its timer.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RetentionTest {

  private static final String REMOVED = "convgate_retention_removed_rows_total";

  @Inject RetentionJob job;
  @Inject RetentionConfig config;

  private final Database db = TestStack.shared().database();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void finishedLedgerRowsPastTheHorizonGoAndEverythingElseStays() {
    String integration = "retention-" + run;
    long horizon = config.ledgerHorizon().toSeconds();
    ledgerRow(integration, "old-delivered", "DELIVERED", horizon + 60);
    ledgerRow(integration, "old-dead", "DEAD_LETTERED", horizon + 60);
    ledgerRow(integration, "young-delivered", "DELIVERED", horizon - 60);
    ledgerRow(integration, "old-claimed", "CLAIMED", horizon + 60);
    ledgerRow(integration, "old-parked", "PARKED", horizon + 60);
    double before = MetricsScrape.sum(REMOVED, Map.of("table", "delivery_ledger"));

    Map<String, Long> removed = runOnce();

    assertThat(
            db.rows(
                "SELECT idempotency_key FROM delivery_ledger WHERE integration_id = ?"
                    + " ORDER BY idempotency_key",
                integration))
        .extracting(row -> row.get(0))
        .containsExactly("old-claimed", "old-parked", "young-delivered");
    assertThat(removed.get("delivery_ledger")).isGreaterThanOrEqualTo(2);
    assertThat(MetricsScrape.sum(REMOVED, Map.of("table", "delivery_ledger")))
        .isGreaterThanOrEqualTo(before + 2);
    assertThat(MetricsScrape.scrape()).contains("convgate_retention_last_run_timestamp_seconds");
  }

  @Test
  void auditRowsOlderThanTheirSettingGo() {
    long keep = config.auditLog().toSeconds();
    db.rows(
        "INSERT INTO audit_log (at, actor, action, target, outcome) VALUES"
            + " (now() - ? * interval '1 second', 'test', 'retention.old', ?, 'OK'),"
            + " (now() - ? * interval '1 second', 'test', 'retention.young', ?, 'OK') RETURNING 1",
        keep + 60,
        run,
        keep - 60,
        run);

    runOnce();

    assertThat(db.rows("SELECT action FROM audit_log WHERE target = ?", run))
        .extracting(row -> row.get(0))
        .containsExactly("retention.young");
  }

  @Test
  void resolvedDeadLettersGoOnceNoKeptReplayJobRefersToThemAndOpenOnesStay() {
    long keep = config.deadLetters().toSeconds();
    long jobKeep = config.replayJobs().toSeconds();
    long open = deadLetter("OPEN", keep + 60);
    long discarded = deadLetter("DISCARDED", keep + 60);
    long youngDiscarded = deadLetter("DISCARDED", keep - 60);
    long replayedByKeptJob = deadLetter("REPLAYED", keep + 60);
    long replayedByOldJob = deadLetter("REPLAYED", keep + 60);
    String keptJob = replayJob("SUCCEEDED", jobKeep - 60, replayedByKeptJob);
    String oldJob = replayJob("SUCCEEDED", jobKeep + 60, replayedByOldJob);
    String running = replayJob("RUNNING", jobKeep + 60, open);

    runOnce();

    assertThat(
            db.rows(
                "SELECT id FROM dead_letters WHERE id IN (?, ?, ?, ?, ?) ORDER BY id",
                open,
                discarded,
                youngDiscarded,
                replayedByKeptJob,
                replayedByOldJob))
        .extracting(row -> ((Number) row.get(0)).longValue())
        .containsExactly(open, youngDiscarded, replayedByKeptJob);
    assertThat(
            db.rows("SELECT id FROM replay_jobs WHERE id IN (?, ?, ?)", keptJob, oldJob, running))
        .extracting(row -> row.get(0))
        .containsExactlyInAnyOrder(keptJob, running);
    assertThat(db.count("SELECT count(*) FROM replay_items WHERE job_id = ?", oldJob)).isZero();
  }

  @Test
  void syncRunsFingerprintsAndChangeClocksOlderThanTheirSettingsGo() {
    String integration = "retention-sync-" + run;
    long runs = config.syncRuns().toSeconds();
    long records = config.syncRecords().toSeconds();
    long clocks = config.changeClocks().toSeconds();
    for (long age : new long[] {runs + 60, runs - 60}) {
      db.rows(
          "INSERT INTO sync_runs (integration_id, resource, window_from, window_to, started_at,"
              + " finished_at, succeeded, records_read, published, error) VALUES (?, 'leads',"
              + " now(), now(), now(), now() - ? * interval '1 second', true, 0, 0, ?) RETURNING 1",
          integration,
          age,
          age > runs ? "old" : "young");
    }
    for (long age : new long[] {records + 60, records - 60}) {
      db.rows(
          "INSERT INTO sync_records (integration_id, resource, hyros_id, fingerprint,"
              + " first_seen_at, changed_at) VALUES (?, 'leads', ?, 'f', now() - ? * interval"
              + " '1 second', now() - ? * interval '1 second') RETURNING 1",
          integration,
          age > records ? "old" : "young",
          age,
          age);
    }
    for (long age : new long[] {clocks + 60, clocks - 60}) {
      db.rows(
          "INSERT INTO change_clocks (integration_id, thing, newest_time, idempotency_key,"
              + " updated_at) VALUES (?, ?, now(), 'k', now() - ? * interval '1 second')"
              + " RETURNING 1",
          integration,
          age > clocks ? "subscription:old" : "subscription:young",
          age);
    }

    Map<String, Long> removed = runOnce();

    assertThat(db.rows("SELECT error FROM sync_runs WHERE integration_id = ?", integration))
        .extracting(row -> row.get(0))
        .containsExactly("young");
    assertThat(db.rows("SELECT hyros_id FROM sync_records WHERE integration_id = ?", integration))
        .extracting(row -> row.get(0))
        .containsExactly("young");
    assertThat(db.rows("SELECT thing FROM change_clocks WHERE integration_id = ?", integration))
        .extracting(row -> row.get(0))
        .containsExactly("subscription:young");
    assertThat(removed.get("sync_runs")).isGreaterThanOrEqualTo(1);
    assertThat(removed.get("sync_records")).isGreaterThanOrEqualTo(1);
    assertThat(removed.get("change_clocks")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anInstanceThatDoesNotHoldTheLockSkipsItsRun() throws Exception {
    String integration = "retention-lock-" + run;
    ledgerRow(integration, "old", "DELIVERED", config.ledgerHorizon().toSeconds() + 60);
    try (Connection other = db.connect()) {
      // another gateway's run holds the lock
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
        lock.setLong(1, RetentionJob.LOCK_KEY);
        lock.executeQuery().close();
      }
      assertThat(job.run().await().atMost(Duration.ofSeconds(30))).isEmpty();
      assertThat(ledgerRows(integration)).isEqualTo(1);
      try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        unlock.setLong(1, RetentionJob.LOCK_KEY);
        try (ResultSet rs = unlock.executeQuery()) {
          rs.next();
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }
    }
    runOnce();
    assertThat(ledgerRows(integration)).isZero();
  }

  /** Runs the job until this instance's run happens (its own timer may hold the lock a moment). */
  private Map<String, Long> runOnce() {
    AtomicReference<Map<String, Long>> result = new AtomicReference<>(Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              result.set(job.run().await().atMost(Duration.ofSeconds(60)));
              return !result.get().isEmpty();
            });
    return result.get();
  }

  private long ledgerRows(String integration) {
    return db.count("SELECT count(*) FROM delivery_ledger WHERE integration_id = ?", integration);
  }

  private void ledgerRow(String integration, String key, String state, long ageSeconds) {
    db.rows(
        "INSERT INTO delivery_ledger (integration_id, idempotency_key, event_id, event_type, state,"
            + " attempts, created_at, updated_at)"
            + " VALUES (?, ?, 'evt', 'sale.completed', ?, 1, now() - ? * interval '1 second', now())"
            + " RETURNING 1",
        integration,
        key,
        state,
        ageSeconds);
  }

  private long deadLetter(String state, long ageSeconds) {
    long offset = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    return db.count(
        "INSERT INTO dead_letters (dl_partition, dl_offset, state, headers, dead_lettered_at,"
            + " closed_at) VALUES (0, ?, ?, '[]'::jsonb, now() - ? * interval '1 second',"
            + " CASE WHEN ? = 'DISCARDED' THEN now() - ? * interval '1 second' END) RETURNING id",
        offset,
        state,
        ageSeconds,
        state,
        ageSeconds);
  }

  private String replayJob(String state, long finishedSecondsAgo, long deadLetterId) {
    String id = "job-" + UUID.randomUUID();
    db.rows(
        "INSERT INTO replay_jobs (id, state, requested_by, request, total, created_at,"
            + " heartbeat_at, finished_at) VALUES (?, ?, 'test', '{}'::jsonb, 1,"
            + " now() - ? * interval '1 second', now(),"
            + " CASE WHEN ? = 'RUNNING' THEN NULL ELSE now() - ? * interval '1 second' END)"
            + " RETURNING 1",
        id,
        state,
        finishedSecondsAgo,
        state,
        finishedSecondsAgo);
    db.rows(
        "INSERT INTO replay_items (job_id, dead_letter_id, state, updated_at)"
            + " VALUES (?, ?, 'DELIVERED', now()) RETURNING 1",
        id,
        deadLetterId);
    return id;
  }
}
