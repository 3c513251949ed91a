package io.convgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * convgate as a separate operating-system process, started from the packaged application, so that
 * tests can stop it gracefully (SIGTERM) or kill it (SIGKILL) and start it again.
 */
public final class GatewayProcess implements AutoCloseable {

  private static final HttpClient HTTP = TestHttp.client();

  private final Process process;
  private final int httpPort;
  private final ClassArchive.Start classes;
  private boolean ended;

  private GatewayProcess(Process process, int httpPort, ClassArchive.Start classes) {
    this.process = process;
    this.httpPort = httpPort;
    this.classes = classes;
  }

  /** The packaged application: {@code convgate.app.jar} or target/quarkus-app/quarkus-run.jar. */
  public static Path applicationJar() {
    Path jar =
        Path.of(System.getProperty("convgate.app.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: package the application first (./mvnw package)");
    }
    return jar;
  }

  /**
   * The JVM options the container image starts convgate with ({@code JAVA_OPTS} in
   * deploy/Containerfile), so that tests and benchmarks measure what is deployed.
   */
  static List<String> imageJvmOptions() {
    Matcher options = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(containerfile());
    if (!options.find()) {
      throw new IllegalStateException("deploy/Containerfile sets no JAVA_OPTS");
    }
    return List.of(options.group(1).trim().split("\\s+"));
  }

  /** The environment variables of the image that tune the JVM's native memory. */
  static Map<String, String> imageEnvironment() {
    Matcher arenas = Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(containerfile());
    return arenas.find() ? Map.of("MALLOC_ARENA_MAX", arenas.group(1)) : Map.of();
  }

  private static String containerfile() {
    try {
      return Files.readString(Path.of("deploy", "Containerfile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param config system properties for the gateway
   * @param httpPort its HTTP port
   * @param log where its output goes; null to share this process's console
   */
  public static GatewayProcess start(Map<String, String> config, int httpPort, Path log) {
    return start(List.of(), false, config, httpPort, log);
  }

  /**
   * A gateway at a lower CPU priority ({@code nice -n 10}), for a process test whose marks are not
   * latencies: on this 2-core machine the tests whose marks are (the pace scenarios, CrashIT's
   * recovery, the application tests) then keep the CPU they need beside it (decision 0063). It
   * still gets every cycle nobody else wants.
   */
  public static GatewayProcess startAtLowPriority(
      Map<String, String> config, int httpPort, Path log) {
    return startAtLowPriority(config, httpPort, log, false);
  }

  /**
   * {@link #startAtLowPriority(Map, int, Path)}; with {@code recordClasses}, this gateway records
   * the run's class archive at its exit if no gateway has yet ({@link ClassArchive}): for the first
   * gateway of the run to be stopped gracefully.
   */
  public static GatewayProcess startAtLowPriority(
      Map<String, String> config, int httpPort, Path log, boolean recordClasses) {
    return start(List.of("nice", "-n", "10"), recordClasses, config, httpPort, log);
  }

  /**
   * A gateway at a higher CPU priority ({@code nice -n -5}), for the test whose marks are the
   * gateway's own seconds (the rate limit's 30 calls in each second): on this 2-core machine it
   * then starts, and keeps its pace, beside the application tests' lane and the unit tests
   * (decision 0065), as a pod with a guaranteed CPU would. Raising a priority takes root; elsewhere
   * {@code nice} says so and the gateway runs at normal priority. {@link #normalPriority} ends it.
   */
  public static GatewayProcess startAtHighPriority(
      Map<String, String> config, int httpPort, Path log) {
    return start(List.of("nice", "-n", "-5"), false, config, httpPort, log);
  }

  /**
   * @param mayRecord whether this gateway may record the run's class archive at its exit ({@link
   *     ClassArchive})
   */
  private static GatewayProcess start(
      List<String> prefix, boolean mayRecord, Map<String, String> config, int httpPort, Path log) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(imageJvmOptions());
    ClassArchive.Start classes = ClassArchive.forStart(mayRecord, log);
    command.addAll(classes.options());
    // Extra JVM options for one run, e.g. -Dbench.jvm.opts="-XX:StartFlightRecording=..."
    String extra = System.getProperty("bench.jvm.opts", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    if (log != null && !extra.contains("-Xlog:gc")) {
      // The collector's pauses beside the output, one file per process: a pace mark a test
      // missed can be checked against them.
      command.add("-Xlog:gc:file=" + log + ".gc-%p.log:uptime,time");
    }
    config.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-jar");
    command.add(applicationJar().toString());
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(imageEnvironment());
      if (log == null) {
        builder.inheritIO();
      } else {
        Files.createDirectories(log.getParent());
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      }
      Process process = builder.start();
      GatewayProcess gateway = new GatewayProcess(process, httpPort, classes);
      long started = System.nanoTime();
      try {
        gateway.awaitReady(Duration.ofSeconds(90));
      } catch (RuntimeException e) {
        if (!process.isAlive()) {
          gateway.ended(process.exitValue());
        }
        throw e;
      }
      System.out.printf(
          "GatewayProcess: %s ready after %.1f s and %.1f CPU-s%s%n",
          log == null ? "pid " + process.pid() : log,
          (System.nanoTime() - started) / 1e9,
          process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0),
          classes.describe());
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Back to normal CPU priority, every thread of it (Linux keeps a priority per thread; threads
   * started later inherit their starter's): for a gateway started at a higher one, once the marks
   * that needed it are taken. Nothing happens where {@code /proc} or {@code renice} is missing.
   */
  public void normalPriority() {
    Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", "0", "-p"));
    try (var threads = Files.list(tasks)) {
      threads.forEach(thread -> command.add(thread.getFileName().toString()));
      Process renice =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!renice.waitFor(10, TimeUnit.SECONDS)) {
        renice.destroyForcibly();
      }
    } catch (IOException e) {
      System.out.println("GatewayProcess: renice failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String get(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "convgate exited during start-up with code " + process.exitValue());
      }
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("convgate was not ready within " + timeout);
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, then waits for the process to end; returns its exit code. */
  public int stop() {
    process.destroy();
    return waitFor();
  }

  /** SIGKILL: no shutdown hook, no goodbye. */
  public int kill() {
    process.destroyForcibly();
    return waitFor();
  }

  private int waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      ended(process.exitValue());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The process has ended with this code: what it recorded of its classes may now be used. */
  private synchronized void ended(int exitCode) {
    if (!ended) {
      ended = true;
      ClassArchive.ended(classes, exitCode);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
