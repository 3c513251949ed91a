package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A billing service that publishes in Kafka transactions (an outbox, a payment rolled back) must
 * see only what it committed reach Hyros: an aborted sale is never sent, even though its record
 * sits in the topic ahead of the committed one.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class TransactionalProducerTest {

  private static final String TIME = "2026-11-21T16:45:10-05:00";

  @Test
  void anAbortedSaleIsNeverSentAndTheCommittedOneAfterItIs() {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "outbox-" + run;
    String apiKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(apiKey, "outbox@example.com");
    stack.database().upsertIntegration(integration, apiKey, null, null);

    try (KafkaProducer<byte[], byte[]> producer =
        Producers.transactional(stack.bootstrapServers(), "billing-" + run)) {
      producer.beginTransaction();
      producer.send(sale(run, "ABORTED-" + run, integration));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(sale(run, "COMMITTED-" + run, integration));
      producer.commitTransaction();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                received(stack, apiKey).stream()
                    .anyMatch(r -> ("COMMITTED-" + run).equals(r.orderId())));
    // Both records are in partition 0 in this order, and one integration's deliveries keep their
    // order: had the aborted one been read, it would have been sent first.
    assertThat(received(stack, apiKey))
        .extracting(AcceptedRequest::orderId)
        .containsExactly("COMMITTED-" + run);
  }

  private static ProducerRecord<byte[], byte[]> sale(
      String run, String saleId, String integration) {
    ObjectNode envelope =
        Events.envelope(
            saleId + "-evt",
            "sale.completed",
            integration,
            TIME,
            Events.sale(saleId, run + "@example.com", "USD", "30.00", 1));
    return new ProducerRecord<>(
        "billing.events",
        0,
        saleId.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static List<AcceptedRequest> received(TestStack stack, String apiKey) {
    return stack.sandbox().accepted().stream().filter(r -> apiKey.equals(r.apiKey())).toList();
  }
}
