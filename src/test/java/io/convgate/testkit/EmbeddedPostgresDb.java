package io.convgate.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 server started from the embedded binaries, with a {@code convgate} database
 * owned by a {@code convgate} user, its files under {@code target/}.
 */
public final class EmbeddedPostgresDb implements AutoCloseable {

  public static final String DATABASE = "convgate";
  public static final String USER = "convgate";
  public static final String PASSWORD = "convgate";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresDb(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresDb start(Path workDir) {
    return start(workDir, 0);
  }

  /**
   * @param port the port, or 0 for a free one
   */
  public static EmbeddedPostgresDb start(Path workDir, int port) {
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(workDir.resolve("pg-runtime").toFile())
              .setDataDirectory(workDir.resolve("pg-data-" + System.nanoTime()))
              .setCleanDataDirectory(true)
              .setPort(port == 0 ? Ports.free() : port)
              .start();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
        s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
      }
      return new EmbeddedPostgresDb(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the test database", e);
    }
  }

  public int port() {
    return postgres.getPort();
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
