package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The input topics take records of up to 1 MiB (kafka-topics.yaml), and a valid event may be that
 * large (JSON whitespace is free). Its command carries the original record as well, so it is larger
 * still: it must be delivered all the same, an invalid one as large must be dead-lettered byte for
 * byte, and neither may stop the events behind them.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LargeEventTest {

  /** Close to the input topics' max.message.bytes (1,048,576) with the record's overhead. */
  private static final int LARGE = 1_048_300;

  @Test
  void eventsNearTheInputTopicsLimitAreDeliveredOrDeadLetteredAndTheNextOneIsDelivered() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "large", null, null);
    String run = UUID.randomUUID().toString().substring(0, 8);

    ProducerRecord<byte[], byte[]> big =
        Tenants.inFirstPartition(padded(Tenants.sale(tenant, "BIG-" + run)));
    ProducerRecord<byte[], byte[]> bigInvalid =
        Tenants.inFirstPartition(
            padded(
                Tenants.record(
                    "BAD-" + run,
                    Events.envelope(
                        "BAD-" + run + "-evt",
                        "lead.upserted",
                        tenant.integration(),
                        "2026-11-21T16:45:10-05:00",
                        Events.lead("not-an-email")))));
    ProducerRecord<byte[], byte[]> small =
        Tenants.inFirstPartition(Tenants.sale(tenant, "SMALL-" + run));
    Tenants.produce(stack, List.of(big, bigInvalid, small));

    tenant.awaitOrders(stack, Duration.ofSeconds(60), "BIG-" + run, "SMALL-" + run);

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      ConsumerRecord<byte[], byte[]> letter = reader.only("BAD-" + run, Duration.ofSeconds(30));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("invalid-data");
      assertThat(Arrays.equals(letter.value(), bigInvalid.value()))
          .as("the large invalid event dead-lettered byte for byte")
          .isTrue();
    }
  }

  /**
   * The same record with its value padded to LARGE bytes inside the JSON object, before its closing
   * brace: still the same event.
   */
  private static ProducerRecord<byte[], byte[]> padded(ProducerRecord<byte[], byte[]> record) {
    String json = new String(record.value(), StandardCharsets.UTF_8);
    String padded =
        json.substring(0, json.length() - 1)
            + " ".repeat(LARGE - json.length())
            + json.substring(json.length() - 1);
    byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).hasSize(LARGE);
    return new ProducerRecord<>(record.topic(), record.key(), bytes);
  }
}
