package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The outcome update reaches the ledger's rows by key however the planner rates a table scan
 * (decision 0022). The session below is made to prefer scans (index probes priced a thousand times
 * a page); auto_explain reports the plans of the statements run inside the function.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LedgerOutcomePlanTest {

  /** The outcome update as a plain statement, as it was before migration V5. */
  private static final String PLAIN_UPDATE =
      """
      UPDATE delivery_ledger AS l SET state = u.state, attempts = l.attempts + u.attempts,
        last_http_status = u.http_status, hyros_request_id = u.request_id, last_error = u.error,
        updated_at = now()
      FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])
        AS u(integration_id, idempotency_key, state, attempts, http_status, request_id, error)
      WHERE l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
        AND l.state IN ('CLAIMED', 'PARKED')
      """;

  private static final int BATCH = 300;

  @Inject Ledger ledger;

  @Test
  void outcomesAreWrittenByKeyWhereThePlannerWouldRatherScanTheTable() throws SQLException {
    TestStack stack = TestStack.shared();
    assumeTrue(stack.embeddedPostgres() != null, "needs the embedded server's superuser");
    String integration = "plan-" + UUID.randomUUID().toString().substring(0, 8);
    List<ClaimRequest> claims =
        IntStream.range(0, BATCH)
            .mapToObj(
                i ->
                    new ClaimRequest(
                        new LedgerKey(integration, "sale-" + i), "evt-" + i, "sale.completed"))
            .toList();
    ledger.claim(claims).await().atMost(Duration.ofSeconds(10));

    try (Connection c = stack.embeddedPostgres().superuserConnection();
        Statement session = c.createStatement()) {
      session.execute("LOAD 'auto_explain'");
      session.execute("SET auto_explain.log_min_duration = 0");
      session.execute("SET auto_explain.log_nested_statements = on");
      session.execute("SET auto_explain.log_level = notice");
      session.execute("SET client_min_messages = notice");
      session.execute("SET plan_cache_mode = force_custom_plan");
      session.execute("SET random_page_cost = 1000");

      // The session does prefer scans: the plain statement reads the whole table (rolled back).
      c.setAutoCommit(false);
      String plain = plansOf(c, PLAIN_UPDATE, integration, "DELIVERED");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(plain).contains("Seq Scan on delivery_ledger");

      // The ledger's own statement, its $n parameters written as JDBC's.
      String recorded =
          plansOf(c, Ledger.RECORD.replaceAll("\\$\\d+", "?"), integration, "DELIVERED");
      assertThat(recorded)
          .contains("Index Scan using delivery_ledger_pkey")
          .doesNotContain("Seq Scan on delivery_ledger");
    }
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM delivery_ledger WHERE integration_id = ?"
                        + " AND state = 'DELIVERED' AND attempts = 1 AND last_http_status = 200",
                    integration))
        .as("every outcome written")
        .isEqualTo(BATCH);
  }

  /** Runs the outcome statement for the batch and returns the plans auto_explain reported. */
  private static String plansOf(Connection c, String sql, String integration, String state)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setArray(
          1, c.createArrayOf("text", Collections.nCopies(BATCH, integration).toArray()));
      statement.setArray(
          2,
          c.createArrayOf("text", IntStream.range(0, BATCH).mapToObj(i -> "sale-" + i).toArray()));
      statement.setArray(3, c.createArrayOf("text", Collections.nCopies(BATCH, state).toArray()));
      statement.setArray(4, c.createArrayOf("int4", Collections.nCopies(BATCH, 1).toArray()));
      statement.setArray(5, c.createArrayOf("int4", Collections.nCopies(BATCH, 200).toArray()));
      statement.setArray(6, c.createArrayOf("text", Collections.nCopies(BATCH, "req").toArray()));
      statement.setArray(7, c.createArrayOf("text", new Object[BATCH]));
      if (statement.getParameterMetaData().getParameterCount() > 7) {
        statement.setArray(8, c.createArrayOf("int4", Collections.nCopies(BATCH, 0).toArray()));
        statement.setArray(9, c.createArrayOf("int4", Collections.nCopies(BATCH, 0).toArray()));
      }
      statement.execute();
      StringBuilder plans = new StringBuilder();
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        plans.append(w.getMessage()).append('\n');
      }
      return plans.toString();
    }
  }
}
