package io.convgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A class-data-sharing archive of the classes a gateway loads as it starts, made once per test run
 * and mapped by the gateway processes of the tests whose marks are not start-up times (decision
 * 0065). A start with it costs about a sixth less CPU; on this 2-core machine the suite starts 17
 * gateways, most of them beside other lanes.
 *
 * <p>The archive is made by a gateway started without any service to reach: it loads the classes of
 * its static set-up and of its start up to its first connection (the database migration), fails
 * there, and the JVM writes what it loaded as it exits. That takes about 7 s of one core, at the
 * lowest CPU priority, in the background, from the run's first gateway start on; starts before it
 * is ready go without it. Made only where {@code testkit.class-archive} is true (the build's test
 * runs): benchmarks and the local stack start convgate exactly as the image does.
 */
final class ClassArchive {

  private static final Path ARCHIVE = Path.of("target", "gateway-classes.jsa");
  private static final Path PARTIAL = Path.of("target", "gateway-classes.jsa.part");
  private static final Path LOG = Path.of("target", "gateway-classes.log");

  private static CompletableFuture<Boolean> made;

  private ClassArchive() {}

  /** Starts making the archive, once per JVM, unless this run does not use one. */
  static synchronized void makeInBackground(List<String> jvmOptions, Path jar) {
    if (made != null || !Boolean.getBoolean("testkit.class-archive")) {
      return;
    }
    made = new CompletableFuture<>();
    List<String> command = new ArrayList<>(List.of("nice", "-n", "19"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-XX:ArchiveClassesAtExit=" + PARTIAL);
    // Nothing listens on port 1: the start stops at its first connection, the migration.
    command.add("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/none");
    command.add("-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:1/none");
    command.add("-Dkafka.bootstrap.servers=127.0.0.1:1");
    command.add("-Dquarkus.http.port=0");
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.deleteIfExists(PARTIAL);
      Files.deleteIfExists(ARCHIVE);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(LOG.toFile()))
              .start();
      process.onExit().thenRun(ClassArchive::finish);
    } catch (IOException e) {
      made.complete(false);
      throw new UncheckedIOException(e);
    }
  }

  private static void finish() {
    boolean ok = Files.exists(PARTIAL);
    if (ok) {
      try {
        Files.move(PARTIAL, ARCHIVE, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        ok = false;
      }
    }
    System.out.printf("ClassArchive: %s%n", ok ? ARCHIVE + " made" : "not made (see " + LOG + ")");
    synchronized (ClassArchive.class) {
      made.complete(ok);
    }
  }

  /** The JVM options of a start that maps the archive: none while it is not (yet) made. */
  static synchronized List<String> options() {
    return made != null && made.getNow(false)
        ? List.of("-XX:SharedArchiveFile=" + ARCHIVE)
        : List.of();
  }
}
