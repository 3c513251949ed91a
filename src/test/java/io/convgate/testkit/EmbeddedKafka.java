package io.convgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft broker and controller in one) inside the JVM, on free loopback
 * ports, with its log directory under {@code target/}. It can be stopped and started again on the
 * same port and data, like a broker restart.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  public EmbeddedKafka(Path workDir) {
    this(workDir, 0);
  }

  /**
   * @param port the client port, or 0 for a free one
   */
  public EmbeddedKafka(Path workDir, int port) {
    this.logDir = workDir.resolve("kafka-" + System.nanoTime());
    this.port = port == 0 ? Ports.free() : port;
    this.controllerPort = Ports.free();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public synchronized EmbeddedKafka start() {
    try {
      boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
      Files.createDirectories(logDir);
      Properties props = properties();
      if (fresh) {
        format(props);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void format(Properties props) throws IOException {
    Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "convgate test broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code =
        StorageTool.execute(
            new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
            new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("kafka storage format failed: " + output);
    }
  }

  private Properties properties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // The broker default, as in production: a new group waits 3 s for its members before the
    // first assignment, so the 4 delivery consumers of a starting gateway are assigned once
    // instead of taking partitions from each other mid-poll (each such rebalance makes the
    // consumers settle their polls first: SettleOnRevocation).
    props.put("group.initial.rebalance.delay.ms", "3000");
    // The log cleaner's dedupe buffer is taken from the heap at start-up: 128 MiB by default, per
    // broker. Tests compact little, and a test JVM may host two brokers (its shared stack and a
    // process test's own) next to a Quarkus application: 16 MiB each (decision 0038).
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    // Topics come from kafka-topics.yaml only; a typo must not create a topic silently.
    props.put("auto.create.topics.enable", "false");
    // No JMX reporter (the default one): every broker of the test JVM is node 1, and two of them
    // starting at the same moment raced to register the same MBeans; the loser's start failed,
    // and Kafka's fault handler then ended the whole test JVM (decision 0063). Nothing reads a
    // test broker's metrics over JMX.
    props.put("metric.reporters", "");
    return props;
  }
}
