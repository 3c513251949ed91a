package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.Producers;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A poll that names thousands of integrations, every one of them already looked up (cached), is
 * delivered like any other. Found by the many-integrations benchmark (500 busy integrations): the
 * ingest stage looked a poll's integrations up one after the other, each subscribed from the answer
 * of the one before, so cached answers nested one call per integration on the event loop; the stack
 * overflowed inside Mutiny's callbacks, which drop the error, the poll's look-ups never completed,
 * and ingest stopped acknowledging its input for good. Polls here may carry a few thousand records,
 * so that the nesting would be far deeper than any thread's stack, not just near its limit.
 *
 * <p>A gateway process of its own with those large polls (decision 0063): as a test profile of the
 * application tests, it cost a second start of the application, in their lane, and a second build
 * of it before any test ran.
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(8)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class ManyIntegrationsIT {

  private static final int INTEGRATIONS = 2_000;

  private static TestStack stack;
  private static GatewayProcess gateway;

  /**
   * Input polls and units of up to 5,000 records, and integrations cached for 10 minutes, so the
   * second round is read in one unit whose integrations are all in the cache.
   */
  @BeforeAll
  static void start() {
    stack = TestStack.startWithoutTopics(Path.of("target", "it-many"), TestStack.StackPorts.ANY);
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.put("convgate.integrations.cache-ttl", "10m");
    config.put("convgate.pipeline.max-merged-records", "5000");
    config.put("mp.messaging.incoming.events-in.max.poll.records", "5000");
    config.put("mp.messaging.incoming.events-in.max.partition.fetch.bytes", "16777216");
    config.put("mp.messaging.incoming.events-in.fetch.max.bytes", "16777216");
    gateway =
        GatewayProcess.startAtLowPriority(
            config, Ports.free(), Path.of("target", "it-many", "gateway.log"));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    stack.close();
  }

  @Test
  void aPollNamingThousandsOfCachedIntegrationsIsDeliveredInFull() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "crowd-" + run + "-";
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < INTEGRATIONS; i++) {
      String key = "hyros-key-" + run + "-" + i;
      stack.sandbox().addKey(key, prefix + i + "@example.com");
      keys.add(key);
    }
    stack
        .database()
        .execute(
            String.format(
                Locale.ROOT,
                "INSERT INTO integrations (id, name, hyros_api_key, status) SELECT '%s' || g,"
                    + " 'Integration ' || g, 'hyros-key-%s-' || g, 'ACTIVE'"
                    + " FROM generate_series(0, %d) AS g",
                prefix,
                run,
                INTEGRATIONS - 1));

    // Round 1: one sale per integration; each integration is read from the database and cached.
    produceOnePerIntegration(stack, prefix, run, "A");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> delivered(stack, prefix) == INTEGRATIONS);

    // Round 2: one more sale per integration, committed at once: one poll names all of them.
    produceOnePerIntegration(stack, prefix, run, "B");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> delivered(stack, prefix) == 2L * INTEGRATIONS);

    Map<String, Long> perOrder = AcceptedRequest.countByOrder(stack.sandbox().deliveries(keys));
    assertThat(perOrder).as("orders that reached Hyros").hasSize(2 * INTEGRATIONS);
    assertThat(perOrder.values()).as("no order sent twice").allMatch(n -> n == 1);
  }

  /** One sale per integration, in one transaction, all in partition 0 (one fetch reads them). */
  private static void produceOnePerIntegration(
      TestStack stack, String prefix, String run, String round) {
    try (KafkaProducer<byte[], byte[]> producer =
        Producers.transactional(stack.bootstrapServers(), "crowd-" + run + "-" + round)) {
      producer.beginTransaction();
      for (int i = 0; i < INTEGRATIONS; i++) {
        String saleId = "CROWD-" + run + "-" + round + "-" + i;
        producer.send(
            Tenants.inFirstPartition(
                Tenants.record(
                    saleId,
                    Events.envelope(
                        "evt-" + saleId,
                        "sale.completed",
                        prefix + i,
                        "2026-12-05T01:00:00Z",
                        Events.sale(saleId, "c" + i + "@example.com", "USD", "9.99", 1)))));
      }
      producer.commitTransaction();
    }
  }

  private static long delivered(TestStack stack, String prefix) {
    return stack
        .database()
        .count(
            "SELECT count(*) FROM delivery_ledger WHERE integration_id LIKE ? AND state ="
                + " 'DELIVERED'",
            prefix + "%");
  }
}
