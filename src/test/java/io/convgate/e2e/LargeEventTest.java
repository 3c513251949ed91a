package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static io.convgate.testkit.DeadLetterReader.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.Producers;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The input topics take records of up to 1 MiB (kafka-topics.yaml), and a valid event may be that
 * large (JSON whitespace is free). Its command carries the original record as well, so it is larger
 * still: it must be delivered all the same, and must not stop the events behind it.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class LargeEventTest {

  private static final String TIME = "2026-11-21T16:45:10-05:00";

  /** Close to the input topics' max.message.bytes (1,048,576) with the record's overhead. */
  private static final int LARGE = 1_048_300;

  @Test
  void eventsNearTheInputTopicsLimitAreDeliveredOrDeadLetteredAndTheNextOneIsDelivered()
      throws Exception {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "large-" + run;
    String apiKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(apiKey, "large@example.com");
    stack.database().upsertIntegration(integration, apiKey, null, null);

    byte[] big = padded(envelope(run, "BIG-" + run, integration));
    byte[] bigInvalid =
        padded(
            Events.envelope(
                "BAD-" + run + "-evt",
                "lead.upserted",
                integration,
                TIME,
                Events.lead("not-an-email")));

    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      producer.send(record("BIG-" + run, big)).get();
      producer.send(record("BAD-" + run, bigInvalid)).get();
      producer
          .send(
              record(
                  "SMALL-" + run,
                  envelope(run, "SMALL-" + run, integration)
                      .toString()
                      .getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(received(stack, apiKey))
                    .extracting(AcceptedRequest::orderId)
                    .containsExactly("BIG-" + run, "SMALL-" + run));

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      String badKey = "BAD-" + run;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !reader.matching(r -> badKey.equals(key(r))).isEmpty());
      ConsumerRecord<byte[], byte[]> letter = reader.matching(r -> badKey.equals(key(r))).get(0);
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("invalid-data");
      assertThat(Arrays.equals(letter.value(), bigInvalid))
          .as("the large invalid event dead-lettered byte for byte")
          .isTrue();
    }
  }

  /** Pads inside the object, before its closing brace: still the same event, LARGE bytes. */
  private static byte[] padded(ObjectNode envelope) {
    String json = envelope.toString();
    String padded =
        json.substring(0, json.length() - 1)
            + " ".repeat(LARGE - json.length())
            + json.substring(json.length() - 1);
    byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).hasSize(LARGE);
    return bytes;
  }

  private static ObjectNode envelope(String run, String saleId, String integration) {
    return Events.envelope(
        saleId + "-evt",
        "sale.completed",
        integration,
        TIME,
        Events.sale(saleId, run + "@example.com", "USD", "75.00", 1));
  }

  private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ProducerRecord<>("billing.events", 0, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static List<AcceptedRequest> received(TestStack stack, String apiKey) {
    return stack.sandbox().accepted().stream().filter(r -> apiKey.equals(r.apiKey())).toList();
  }
}
