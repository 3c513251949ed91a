package io.convgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.Producers;
import io.convgate.testkit.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * convgate, run as its own process, gets a SIGTERM while events keep arriving and deliveries are in
 * flight. Once its drain is complete, the consumers close as designed: nothing is logged at WARN or
 * above (such a line pages an operator for nothing).
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(2)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class QuietShutdownIT {

  /**
   * Stops, each a new race with polls, units and acknowledgements under way. Three since decision
   * 0063 (four before): each round is a gateway start, 10-16 s on a busy machine, and the suite's
   * five minutes are spent mostly on starts.
   */
  private static final int ROUNDS = 3;

  /** Produced before the first SIGTERM: ingest never gets through it in three rounds. */
  private static final int BACKLOG = 20_000;

  /**
   * Then a steady 200 sales a second, so that events keep arriving (a gateway at a low priority
   * took 10-30 s to start beside other lanes, and the test paid for every second of a faster stream
   * in CPU).
   */
  private static final Duration TICK = Duration.ofMillis(100);

  private static final int PER_TICK = 20;

  /** The ingest backlog a SIGTERM must find. */
  private static final long LOADED = 5_000;

  private static final Pattern WARN_OR_WORSE = Pattern.compile("\\b(WARN|ERROR|FATAL)\\b");
  private static TestStack stack;

  @BeforeAll
  static void startStack() {
    stack = TestStack.startWithoutTopics(Path.of("target", "it-quiet"), TestStack.StackPorts.ANY);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void aSigtermUnderLoadLogsNothingAtWarnOrAboveAfterTheDrain() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, "quiet@example.com");
    String integration = "quiet-" + run;

    // A backlog ingest does not get through in 5-record polls, and a steady stream: its queue of
    // polls stays full and the connector pauses and resumes all the time. The backlog is bounded
    // (decisions 0061, 0063): a stream of 5,000 a second left 245,000 records unread by the fourth
    // SIGTERM, and the suite paid for every one of them in CPU.
    KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers());
    AtomicInteger produced = new AtomicInteger();
    ScheduledExecutorService load =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "quiet-shutdown-load"));
    try {
      // Each stop races with polls, units and acknowledgements under way: a few stops make a
      // stray line after the drain likely to show.
      for (int round = 0; round < ROUNDS; round++) {
        Path log = Path.of("target", "it-quiet", "gateway-" + run + "-" + round + ".log");
        // The first round is stopped half a minute after its start, the first gateway of the run to
        // be: it records the class archive the later gateways start with (testkit/ClassArchive).
        GatewayProcess gateway =
            GatewayProcess.startAtLowPriority(config(), Ports.free(), log, round == 0);
        if (round == 0) {
          // The first start created the schema and the topics.
          stack.database().upsertIntegration(integration, key, 20, null);
          for (int i = 0; i < BACKLOG; i++) {
            producer.send(sale(integration, run, produced.getAndIncrement()));
          }
          producer.flush();
          load.scheduleAtFixedRate(
              () -> {
                for (int i = 0; i < PER_TICK; i++) {
                  producer.send(sale(integration, run, produced.getAndIncrement()));
                }
              },
              0,
              TICK.toMillis(),
              TimeUnit.MILLISECONDS);
        }
        try {
          int before = stack.sandbox().deliveries(List.of(key)).size();
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> stack.sandbox().deliveries(List.of(key)).size() >= before + 40);
          long backlog = ingestBacklog();
          assertThat(backlog)
              .as("input not yet taken in by ingest when the SIGTERM comes (round %d)", round)
              .isGreaterThan(LOADED);
          System.out.printf("quiet shutdown test: round %d, ingest backlog %d%n", round, backlog);
          assertThat(gateway.stop()).as("exit code after SIGTERM").isIn(0, 143);
        } finally {
          gateway.close();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int drained = indexOf(lines, "shutdown drain complete");
        assertThat(drained).as("'shutdown drain complete' in %s", log).isNotNegative();
        assertThat(lines.subList(drained + 1, lines.size()))
            .as("lines at WARN or above after the drain completed, in %s", log)
            .noneMatch(line -> WARN_OR_WORSE.matcher(line).find());
      }
    } finally {
      load.shutdownNow();
      load.awaitTermination(10, TimeUnit.SECONDS);
      producer.close();
    }
  }

  /**
   * Small ingest polls: the connector's queue of polls is then small too, so it pauses and resumes
   * the consumer all the time, as a busy gateway does, up to the moment it closes.
   */
  private static Map<String, String> config() {
    Map<String, String> config = new HashMap<>(stack.gatewayConfig());
    config.put("mp.messaging.incoming.events-in.max.poll.records", "5");
    return config;
  }

  /** Records of {@code billing.events} past the ingest group's committed offsets. */
  private static long ingestBacklog() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed;
    try (Admin admin = stack.admin()) {
      committed =
          admin.listConsumerGroupOffsets("convgate-ingest").partitionsToOffsetAndMetadata().get();
    }
    long backlog = 0;
    for (var end : stack.endOffsets("billing.events").entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      backlog += end.getValue() - (done == null ? 0 : done.offset());
    }
    return backlog;
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static ProducerRecord<byte[], byte[]> sale(String integration, String run, int n) {
    String saleId = "Q-" + run + "-" + n;
    var envelope =
        Events.envelope(
            "evt-" + saleId,
            "sale.completed",
            integration,
            "2026-11-22T08:00:00Z",
            Events.sale(saleId, "q" + n + "@example.com", "USD", "19.99", 1));
    return new ProducerRecord<>(
        "billing.events",
        saleId.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }
}
