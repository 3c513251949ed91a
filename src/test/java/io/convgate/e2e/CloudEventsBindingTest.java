package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static io.convgate.testkit.DeadLetterReader.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Admin;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records laid out as the CloudEvents Kafka binding says: in structured mode the producer sets the
 * {@code content-type} header to the event format ({@code application/cloudevents+json}). Such a
 * record must be read like any other structured one, one that is not JSON must be dead-lettered
 * with its reason and headers (and indexed for operators), and neither may stop the events behind
 * it.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class CloudEventsBindingTest {

  private static final String TIME = "2026-11-21T16:45:10-05:00";

  @Test
  void aStructuredEventWithTheBindingsContentTypeIsDeliveredAndSoIsWhatFollows() throws Exception {
    TestStack stack = TestStack.shared();
    Instant started = Instant.now().minusSeconds(1);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "binding-" + run;
    String apiKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(apiKey, "binding@example.com");
    stack.database().upsertIntegration(integration, apiKey, null, null);

    ProducerRecord<byte[], byte[]> withHeader =
        structured(run, "E-" + run, integration, "application/cloudevents+json; charset=UTF-8");
    ProducerRecord<byte[], byte[]> notJson =
        new ProducerRecord<>(
            "billing.events",
            0,
            ("bad-" + run).getBytes(StandardCharsets.UTF_8),
            "not json at all".getBytes(StandardCharsets.UTF_8));
    notJson
        .headers()
        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> plain = structured(run, "F-" + run, integration, null);

    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      producer.send(withHeader);
      producer.send(notJson);
      producer.send(plain);
      producer.flush();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<String> orders =
                  received(stack, apiKey).stream().map(AcceptedRequest::orderId).toList();
              assertThat(orders).containsExactly("E-" + run, "F-" + run);
            });

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      String badKey = "bad-" + run;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !reader.matching(r -> badKey.equals(key(r))).isEmpty());
      List<ConsumerRecord<byte[], byte[]>> letters = reader.matching(r -> badKey.equals(key(r)));
      assertThat(letters).hasSize(1);
      ConsumerRecord<byte[], byte[]> letter = letters.get(0);
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("not-json");
      assertThat(header(letter, "content-type")).isEqualTo("application/cloudevents+json");
      assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
    }

    // The dead-letter index reads the same header from the dead-letter topic.
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    String list = "/api/v1/dead-letters?reason=not-json&limit=1000&from=" + started;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin.get(list).<List<Integer>>path("items.id").stream()
                    .anyMatch(
                        id ->
                            ("bad-" + run)
                                .equals(admin.get("/api/v1/dead-letters/" + id).path("key"))));
  }

  private static ProducerRecord<byte[], byte[]> structured(
      String run, String saleId, String integration, String contentType) {
    ObjectNode envelope =
        Events.envelope(
            saleId + "-evt",
            "sale.completed",
            integration,
            TIME,
            Events.sale(saleId, run + "@example.com", "USD", "12.00", 1));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            "billing.events",
            0,
            saleId.getBytes(StandardCharsets.UTF_8),
            envelope.toString().getBytes(StandardCharsets.UTF_8));
    if (contentType != null) {
      record.headers().add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  private static List<AcceptedRequest> received(TestStack stack, String apiKey) {
    return stack.sandbox().accepted().stream().filter(r -> apiKey.equals(r.apiKey())).toList();
  }
}
