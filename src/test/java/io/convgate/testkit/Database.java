package io.convgate.testkit;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Plain JDBC access to convgate's database, for tests to arrange and inspect. */
public record Database(String url, String user, String password) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** Creates (or replaces) an active integration, as an operator would. */
  public void upsertIntegration(String id, String hyrosKey, Integer perSecond, Integer perMinute) {
    String sql =
        """
        INSERT INTO integrations (id, name, hyros_api_key, status, requests_per_second, requests_per_minute)
        VALUES (?, ?, ?, 'ACTIVE', ?, ?)
        ON CONFLICT (id) DO UPDATE SET hyros_api_key = EXCLUDED.hyros_api_key, status = 'ACTIVE',
          requests_per_second = EXCLUDED.requests_per_second,
          requests_per_minute = EXCLUDED.requests_per_minute, updated_at = now()
        """;
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      s.setString(2, "Integration " + id);
      s.setString(3, hyrosKey);
      s.setObject(4, perSecond);
      s.setObject(5, perMinute);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs statements that return nothing (several may be given, separated by semicolons). */
  public void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The integrations' deliveries that are not settled: claimed (a call may be on the wire, or one
   * is still to be made) or parked. When it is 0 and every expected call has arrived, nothing more
   * can be sent for them: a settled key is never claimed again (the ledger's dedupe), so a stray
   * second call would have to come from a claim this counts. Tests wait for it instead of a fixed
   * quiet window (decision 0063).
   */
  public long unsettled(String... integrationIds) {
    String places = String.join(", ", Collections.nCopies(integrationIds.length, "?"));
    return count(
        "SELECT count(*) FROM delivery_ledger WHERE integration_id IN ("
            + places
            + ") AND state IN ('CLAIMED', 'PARKED')",
        (Object[]) integrationIds);
  }

  /**
   * Waits (up to 30 s) until the integrations' deliveries are settled ({@link #unsettled}): once
   * every expected call has arrived, nothing more can come, and a test may count.
   */
  public void awaitSettled(String... integrationIds) {
    await().atMost(Duration.ofSeconds(30)).until(() -> unsettled(integrationIds) == 0);
  }

  /** How many deliveries of the integration wait in the park. */
  public long parked(String integrationId) {
    return count("SELECT count(*) FROM parked_deliveries WHERE integration_id = ?", integrationId);
  }

  public long count(String sql, Object... args) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<List<Object>> rows(String sql, Object... args) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
