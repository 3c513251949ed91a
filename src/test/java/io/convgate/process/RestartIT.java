package io.convgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.Producers;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * convgate, run as its own process, is stopped part-way through a stream and started again: nothing
 * is lost and nothing is sent twice. The broker starts empty, so convgate also has to create its
 * topics from kafka-topics.yaml at start-up.
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(5)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class RestartIT {

  private static TestStack stack;

  @BeforeAll
  static void startStack() {
    stack = TestStack.startWithoutTopics(Path.of("target", "it-restart"), TestStack.StackPorts.ANY);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void aStoppedAndRestartedGatewayLosesNothingAndSendsNothingTwice() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String key = "hyros-key-" + UUID.randomUUID();
      keys.add(key);
      stack.sandbox().addKey(key, "restart@example.com");
    }
    int port = Ports.free();
    Path log = Path.of("target", "it-restart", "gateway.log");
    int firstHalf = 300;
    int total = 600;

    GatewayProcess gateway =
        GatewayProcess.startAtLowPriority(stack.gatewayTestConfig(), port, log);
    for (int i = 0; i < 2; i++) {
      // 30 a second each: the first half is still mostly waiting for its turn at the SIGTERM.
      stack.database().upsertIntegration("restart-" + run + "-" + i, keys.get(i), 30, null);
    }
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      send(producer, run, 0, firstHalf);
      await().atMost(Duration.ofSeconds(60)).until(() -> received(keys).size() >= 60);
      assertThat(gateway.stop()).as("exit code after SIGTERM").isIn(0, 143);
      int deliveredBeforeStop = received(keys).size();
      assertThat(deliveredBeforeStop).as("stopped part-way").isLessThan(firstHalf);

      // Events keep arriving while convgate is down.
      send(producer, run, firstHalf, total);
      gateway = GatewayProcess.startAtLowPriority(stack.gatewayTestConfig(), port, log);
      await().atMost(Duration.ofMinutes(2)).until(() -> received(keys).size() >= total);
      // Settled: nothing claimed or parked is left, so no second call can still come.
      stack.database().awaitSettled("restart-" + run + "-0", "restart-" + run + "-1");
    } finally {
      gateway.close();
    }

    List<AcceptedRequest> received = received(keys);
    Map<String, Long> perOrder = AcceptedRequest.countByOrder(received);
    assertThat(perOrder).as("one order per sale").hasSize(total);
    assertThat(perOrder.values()).as("no sale sent twice").allMatch(n -> n == 1);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM delivery_ledger WHERE idempotency_key LIKE ? AND state = 'DELIVERED'",
                    "sale:R-" + run + "-%"))
        .isEqualTo(total);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT coalesce(sum(in_doubt_count), 0) FROM delivery_ledger WHERE idempotency_key LIKE ?",
                    "sale:R-" + run + "-%"))
        .as("in-doubt deliveries after a graceful stop")
        .isZero();
  }

  private void send(KafkaProducer<byte[], byte[]> producer, String run, int from, int to) {
    for (int n = from; n < to; n++) {
      String integration = "restart-" + run + "-" + (n % 2);
      String saleId = "R-" + run + "-" + n;
      var envelope =
          Events.envelope(
              "evt-" + saleId,
              "sale.completed",
              integration,
              "2026-11-22T08:00:00Z",
              Events.sale(saleId, "r" + n + "@example.com", "USD", "19.99", 1));
      producer.send(
          new ProducerRecord<>(
              "billing.events",
              saleId.getBytes(StandardCharsets.UTF_8),
              envelope.toString().getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }

  private static List<AcceptedRequest> received(List<String> keys) {
    return stack.sandbox().deliveries(keys);
  }
}
