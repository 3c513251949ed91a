package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A billing service that publishes in Kafka transactions (an outbox, a payment rolled back) must
 * see only what it committed reach Hyros: an aborted sale is never sent, even though its record
 * sits in the topic ahead of the committed one.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class TransactionalProducerTest {

  @Test
  void anAbortedSaleIsNeverSentAndTheCommittedOneAfterItIs() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "outbox", null, null);
    String run = UUID.randomUUID().toString().substring(0, 8);

    try (KafkaProducer<byte[], byte[]> producer =
        Producers.transactional(stack.bootstrapServers(), "billing-" + run)) {
      producer.beginTransaction();
      producer.send(Tenants.inFirstPartition(Tenants.sale(tenant, "ABORTED-" + run)));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(Tenants.inFirstPartition(Tenants.sale(tenant, "COMMITTED-" + run)));
      producer.commitTransaction();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                tenant.received(stack).stream()
                    .anyMatch(r -> ("COMMITTED-" + run).equals(r.orderId())));
    // Both records are in partition 0 in this order, and one integration's deliveries keep their
    // order: had the aborted one been read, it would have been sent first.
    assertThat(tenant.received(stack))
        .extracting(AcceptedRequest::orderId)
        .containsExactly("COMMITTED-" + run);
  }
}
