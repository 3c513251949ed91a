package io.convgate.testkit;

import io.convgate.testkit.sandbox.HyrosSandbox;
import io.convgate.testkit.sandbox.hyperaktiv.HyperaktivSandbox;
import io.convgate.topics.TopicCatalog;
import io.convgate.topics.TopicProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything convgate needs, started once per JVM: a Kafka broker, a PostgreSQL server, the Hyros
 * sandbox and the Hyperaktiv sandbox (one Vert.x server, on a free port). Each yields to an
 * external service when configured to, so benchmarks and soak runs can use long-lived daemons:
 *
 * <ul>
 *   <li>{@code CONVGATE_TEST_KAFKA} — a bootstrap address instead of the in-JVM broker;
 *   <li>{@code CONVGATE_TEST_PG_PORT} — a local PostgreSQL port (database and user {@code
 *       convgate}, password {@code convgate}) instead of the embedded server.
 * </ul>
 */
public final class TestStack implements AutoCloseable {

  private static TestStack shared;

  private final EmbeddedKafka kafka;
  private final EmbeddedPostgresDb postgres;
  private final String bootstrapServers;
  private final int pgPort;
  private final HyrosSandbox sandbox;
  private final HyperaktivSandbox hyperaktiv;

  /** Ports of the local stack's services; 0 means any free port. */
  public record StackPorts(int kafka, int postgres, int sandbox) {
    public static final StackPorts ANY = new StackPorts(0, 0, 0);
  }

  private TestStack(Path workDir, StackPorts ports) {
    HostLogging.configure();
    // PostgreSQL (its own process) starts while the broker starts in this JVM: on a busy machine
    // one after the other took up to 15 s (decision 0063).
    String externalPg = System.getenv("CONVGATE_TEST_PG_PORT");
    boolean embeddedPg = externalPg == null || externalPg.isBlank();
    CompletableFuture<EmbeddedPostgresDb> startingPg =
        embeddedPg
            ? CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresDb.start(workDir, ports.postgres()),
                task -> new Thread(task, "test-stack-postgres").start())
            : null;
    String externalKafka = System.getenv("CONVGATE_TEST_KAFKA");
    if (externalKafka == null || externalKafka.isBlank()) {
      kafka = new EmbeddedKafka(workDir, ports.kafka()).start();
      bootstrapServers = kafka.bootstrapServers();
    } else {
      kafka = null;
      bootstrapServers = externalKafka;
    }
    if (embeddedPg) {
      postgres = startingPg.join();
      pgPort = postgres.port();
    } else {
      postgres = null;
      pgPort = Integer.parseInt(externalPg);
    }
    sandbox = new HyrosSandbox().start(ports.sandbox());
    hyperaktiv = new HyperaktivSandbox().start(0);
  }

  /**
   * The stack shared by every test of this JVM, started on first use. When the suite runs in
   * several JVMs at once (decision 0038), each has its own, in a directory of its own.
   */
  public static synchronized TestStack shared() {
    if (shared == null) {
      String fork = System.getProperty("convgate.test.fork", "").trim();
      shared =
          start(
              Path.of("target", "test-stack" + (fork.isEmpty() ? "" : "-" + fork)), StackPorts.ANY);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  public static TestStack start(Path workDir, StackPorts ports) {
    TestStack stack = startWithoutTopics(workDir, ports);
    stack.provisionTopics();
    return stack;
  }

  /** A stack whose broker has no topics yet: convgate must create them at start-up. */
  public static TestStack startWithoutTopics(Path workDir, StackPorts ports) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestStack(workDir.toAbsolutePath(), ports);
  }

  /** Creates the topics of the repository's kafka-topics.yaml, as convgate does at start-up. */
  public void provisionTopics() {
    try (Admin admin = admin();
        InputStream yaml = Files.newInputStream(Path.of(TopicCatalog.FILE))) {
      new TopicProvisioner(admin, Duration.ofSeconds(30)).createMissing(TopicCatalog.read(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * How many records the input topics (billing.events, crm.events) hold so far: the sum of their
   * end offsets. A refused request that published nothing leaves it unchanged.
   */
  public long inputRecords() {
    return endOffsets("billing.events", "crm.events").values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** The end offset of every partition of these topics. */
  public Map<TopicPartition, Long> endOffsets(String... topics) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (TopicDescription topic :
          admin
              .describeTopics(List.of(topics))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .values()) {
        topic
            .partitions()
            .forEach(
                p ->
                    ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin
          .listOffsets(ends)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((partition, end) -> offsets.put(partition, end.offset()));
      return offsets;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end offsets of " + List.of(topics), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public EmbeddedKafka embeddedKafka() {
    return kafka;
  }

  /** The embedded PostgreSQL, or null when an external one is used. */
  public EmbeddedPostgresDb embeddedPostgres() {
    return postgres;
  }

  public HyrosSandbox sandbox() {
    return sandbox;
  }

  /** The Hyperaktiv sandbox, on a free port (the local stack starts its own on a fixed one). */
  public HyperaktivSandbox hyperaktiv() {
    return hyperaktiv;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + EmbeddedPostgresDb.DATABASE;
  }

  public Database database() {
    return new Database(jdbcUrl(), EmbeddedPostgresDb.USER, EmbeddedPostgresDb.PASSWORD);
  }

  /** The configuration that points convgate at this stack. */
  /**
   * The master key test gateways seal Hyros keys with (a packaged gateway refuses to start without
   * one).
   */
  public static final String MASTER_KEYS =
      "test-2026:"
          + java.util.Base64.getEncoder()
              .encodeToString(
                  "convgate-tests-master-key-32-byt"
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  /** The bootstrap admin key of test gateways (and of the local stack). */
  public static final String ADMIN_KEY = "cgw_testadmin0_Tst" + "0".repeat(37);

  /**
   * {@link #gatewayConfig()} with Kafka's own fetch for the input topics (a fetch returns with the
   * first record, else after 500 ms) instead of the product's wait of 10 ms for company (decision
   * 0018): the tests whose subject is not the fetch's shape, the latency or the CPU per event. An
   * idle gateway otherwise fetches 100 times a second; that cost the gateway about 6 % of a core
   * and its broker about 12 %, for the whole of every test (decision 0062).
   */
  public Map<String, String> gatewayTestConfig() {
    Map<String, String> config = gatewayConfig();
    config.putAll(QUIET_FETCH);
    return config;
  }

  /** The input consumer's fetch in tests: the same in the application's test profile. */
  private static final Map<String, String> QUIET_FETCH =
      Map.of(
          "mp.messaging.incoming.events-in.fetch.min.bytes", "1",
          "mp.messaging.incoming.events-in.fetch.max.wait.ms", "500");

  /** Everything a gateway needs to run on this stack, with the product's defaults otherwise. */
  public Map<String, String> gatewayConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", bootstrapServers);
    config.put(
        "quarkus.datasource.reactive.url",
        "postgresql://127.0.0.1:" + pgPort + "/" + EmbeddedPostgresDb.DATABASE);
    config.put("quarkus.datasource.jdbc.url", jdbcUrl());
    config.put("quarkus.datasource.username", EmbeddedPostgresDb.USER);
    config.put("quarkus.datasource.password", EmbeddedPostgresDb.PASSWORD);
    config.put("quarkus.rest-client.hyros.url", sandbox.baseUrl());
    config.put("convgate.hyperaktiv.url", hyperaktiv.baseUrl());
    config.put("convgate.connect.hyros-connect-url", sandbox.baseUrl() + "/_sandbox/connect");
    config.put("convgate.topics.create-on-startup", "true");
    config.put("convgate.secrets.master-keys", MASTER_KEYS);
    config.put("convgate.api.bootstrap-key", ADMIN_KEY);
    return config;
  }

  @Override
  public void close() {
    sandbox.close();
    hyperaktiv.close();
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
