package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  private static final String FORMAT = "application/cloudevents+json";

  @Test
  void aStructuredEventWithTheBindingsContentTypeIsDeliveredAndSoIsWhatFollows() {
    TestStack stack = TestStack.shared();
    Instant started = Instant.now().minusSeconds(1);
    Tenants.Tenant tenant = Tenants.create(stack, "binding", null, null);
    String run = UUID.randomUUID().toString().substring(0, 8);

    ProducerRecord<byte[], byte[]> withHeader =
        Tenants.inFirstPartition(Tenants.sale(tenant, "E-" + run));
    withHeader
        .headers()
        .add("content-type", (FORMAT + "; charset=UTF-8").getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> notJson =
        new ProducerRecord<>(
            "billing.events",
            0,
            ("bad-" + run).getBytes(StandardCharsets.UTF_8),
            "not json at all".getBytes(StandardCharsets.UTF_8));
    notJson.headers().add("content-type", FORMAT.getBytes(StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> plain =
        Tenants.inFirstPartition(Tenants.sale(tenant, "F-" + run));
    Tenants.produce(stack, List.of(withHeader, notJson, plain));

    tenant.awaitOrders(stack, Duration.ofSeconds(60), "E-" + run, "F-" + run);

    String badKey = "bad-" + run;
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      ConsumerRecord<byte[], byte[]> letter = reader.only(badKey, Duration.ofSeconds(30));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("not-json");
      assertThat(header(letter, "content-type")).isEqualTo(FORMAT);
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
                        id -> badKey.equals(admin.get("/api/v1/dead-letters/" + id).path("key"))));
  }
}
