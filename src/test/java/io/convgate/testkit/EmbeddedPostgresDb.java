package io.convgate.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real PostgreSQL 17 server started from the embedded binaries, with a {@code convgate} database
 * owned by a {@code convgate} user, its files under {@code target/}.
 */
public final class EmbeddedPostgresDb implements AutoCloseable {

  public static final String DATABASE = "convgate";
  public static final String USER = "convgate";
  public static final String PASSWORD = "convgate";

  private final Path dataDirectory;
  private final Path runtimeDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedPostgresDb(Path runtimeDirectory, Path dataDirectory, int port) {
    this.runtimeDirectory = runtimeDirectory;
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  public static EmbeddedPostgresDb start(Path workDir) {
    return start(workDir, 0);
  }

  /**
   * @param port the port, or 0 for a free one
   */
  public static EmbeddedPostgresDb start(Path workDir, int port) {
    EmbeddedPostgresDb db =
        new EmbeddedPostgresDb(
            workDir.resolve("pg-runtime"),
            workDir.resolve("pg-data-" + System.nanoTime()),
            port == 0 ? Ports.free() : port);
    db.startServer();
    try (Connection c = db.postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the test database", e);
    }
    return db;
  }

  /** Stops the server and starts it again on the same port and data, like a database restart. */
  public synchronized void restart() {
    close();
    startServer();
  }

  private void startServer() {
    try {
      // The data directory is new for every stack, and kept across restarts.
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(runtimeDirectory.toFile())
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port);
      serverSettings().forEach(builder::setServerConfig);
      postgres = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Server settings beyond the embedded defaults, from {@code
   * -Dconvgate.pg.settings=name=value,...} (e.g. {@code shared_buffers=1GB}): for the benchmarks to
   * measure a server tuned as a production one would be. None by default.
   */
  static Map<String, String> serverSettings() {
    String given = System.getProperty("convgate.pg.settings", "").strip();
    Map<String, String> settings = new LinkedHashMap<>();
    if (given.isEmpty()) {
      return settings;
    }
    for (String pair : given.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "convgate.pg.settings must be name=value pairs separated by commas, got '"
                + given
                + "'");
      }
      settings.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return settings;
  }

  public int port() {
    return port;
  }

  /** A superuser session on convgate's database, for what the application's user may not do. */
  public Connection superuserConnection() throws SQLException {
    return postgres.getDatabase("postgres", DATABASE).getConnection();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
