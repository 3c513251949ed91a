package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static io.convgate.testkit.DeadLetterReader.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Invalid records mixed into a stream (not JSON, a broken envelope, an unknown type, data that
 * fails its schema, an unknown integration, a repeated member name, a control character in a name,
 * a source that is not a URI-reference, a badly named extension) are dead-lettered with field-level
 * reasons, byte for byte, and never hold back the valid events behind them, in structured or binary
 * mode.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class PoisonPillTest {

  private static final String TIME = "2026-11-21T16:45:10-05:00";

  @Test
  void poisonPillsAreDeadLetteredWithReasonsAndTheRestIsDelivered() throws Exception {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "poison-" + run;
    String apiKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(apiKey, "poison@example.com");
    stack.database().upsertIntegration(integration, apiKey, null, null);

    ObjectNode saleA =
        Events.envelope(
            "a-" + run,
            "sale.completed",
            integration,
            TIME,
            Events.sale("A-" + run, "a@example.com", "USD", "49.00", 1));
    ObjectNode leadB =
        Events.envelope(
            "b-" + run,
            "lead.upserted",
            integration,
            TIME,
            Events.lead("b-" + run + "@example.com"));
    ObjectNode saleC =
        Events.envelope(
            "c-" + run,
            "sale.completed",
            integration,
            TIME,
            Events.sale("C-" + run, "c@example.com", "GBP", "10.50", 2));
    ObjectNode refundA =
        Events.envelope(
            "r-" + run, "sale.refunded", integration, TIME, Events.refund("A-" + run, null, "USD"));

    ObjectNode noIdNoTime = saleC.deepCopy();
    noIdNoTime.remove("id");
    noIdNoTime.remove("time");
    ObjectNode unknownType = saleC.deepCopy();
    unknownType.put("type", "order.shipped");
    ObjectNode badData =
        Events.envelope(
            "bad-" + run,
            "sale.completed",
            integration,
            TIME,
            Events.sale("BAD-" + run, "bad@example.com", "USD", "12.345", 1));
    ((ObjectNode) badData.get("data").get("items").get(0)).put("name", "ab");
    // the envelope rules of issue 17: one id twice, a control character in a name, a source that
    // is not a URI-reference, an extension header that is not a CloudEvents name
    String twoIds =
        Events.envelope(
                "dup-" + run,
                "sale.completed",
                integration,
                TIME,
                Events.sale("DUP-" + run, "dup@example.com", "USD", "1.00", 1))
            .toString()
            .replaceFirst("\\{", "{\"id\":\"dup-other-" + run + "\",");
    ObjectNode controlName =
        Events.envelope(
            "ctl-" + run,
            "sale.completed",
            integration,
            TIME,
            Events.sale("CTL-" + run, "ctl@example.com", "USD", "1.00", 1)
                .put("firstName", "Ada\u0000"));
    ObjectNode badSource =
        Events.envelope(
                "src-" + run, "lead.upserted", integration, TIME, Events.lead("src@example.com"))
            .put("source", "billing stripe");
    // a valid sale to the nanosecond, with markup in one name and a blank other name
    ObjectNode saleE =
        Events.envelope(
            "e-" + run,
            "sale.completed",
            integration,
            "2026-11-21T16:45:10.987654321-05:00",
            Events.sale("E-" + run, "e@example.com", "USD", "3.00", 1)
                .put("firstName", "<script>alert(1)</script>")
                .put("lastName", " "));
    ObjectNode strangerIntegration =
        Events.envelope(
            "s-" + run, "lead.upserted", "nobody-" + run, TIME, Events.lead("s@example.com"));

    // Expected reason code per poison pill, keyed by the record key it is sent with.
    Map<String, String> poison = new LinkedHashMap<>();
    poison.put(run + "-not-json", "not-json");
    poison.put(run + "-envelope", "invalid-envelope");
    poison.put(run + "-type", "unknown-type");
    poison.put(run + "-data", "invalid-data");
    poison.put(run + "-stranger", "unknown-integration");
    poison.put(run + "-dup", "invalid-envelope");
    poison.put(run + "-control", "invalid-data");
    poison.put(run + "-source", "invalid-envelope");
    poison.put(run + "-extension", "invalid-envelope");
    byte[] notJson = "{\"specversion\": \"1.0\", oops".getBytes(StandardCharsets.UTF_8);

    ProducerRecord<byte[], byte[]> binarySaleD = binary(run, integration);
    List<ProducerRecord<byte[], byte[]>> stream =
        List.of(
            record(run + "-a", saleA.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-not-json", notJson),
            record(run + "-b", leadB.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-envelope", noIdNoTime.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-type", unknownType.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-c", saleC.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-data", badData.toString().getBytes(StandardCharsets.UTF_8)),
            record(
                run + "-stranger", strangerIntegration.toString().getBytes(StandardCharsets.UTF_8)),
            binarySaleD,
            record(run + "-dup", twoIds.getBytes(StandardCharsets.UTF_8)),
            record(run + "-control", controlName.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-source", badSource.toString().getBytes(StandardCharsets.UTF_8)),
            binaryWithBadExtension(run, integration),
            record(run + "-e", saleE.toString().getBytes(StandardCharsets.UTF_8)),
            record(run + "-a", refundA.toString().getBytes(StandardCharsets.UTF_8)));
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      for (ProducerRecord<byte[], byte[]> r : stream) {
        producer.send(r).get();
      }
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> received(stack, apiKey).size() >= 6);
    List<AcceptedRequest> received = received(stack, apiKey);
    assertThat(received)
        .extracting(r -> r.method() + " " + r.orderIdOrEmail())
        .containsExactlyInAnyOrder(
            "POST A-" + run,
            "POST b-" + run + "@example.com",
            "POST C-" + run,
            "POST D-" + run,
            "POST E-" + run,
            "DELETE A-" + run);
    JsonNode orderE =
        received.stream()
            .filter(r -> ("E-" + run).equals(r.orderId()))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(orderE.get("date").asText())
        .as("the time to the second, in the producer's offset")
        .isEqualTo("2026-11-21T16:45:10-05:00");
    assertThat(orderE.get("firstName").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(orderE.has("lastName")).as("a blank name is left out").isFalse();

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> reader.matching(r -> poison.containsKey(key(r))).size() >= poison.size());
      List<ConsumerRecord<byte[], byte[]>> letters =
          reader.matching(r -> poison.containsKey(key(r)));
      assertThat(letters).hasSize(poison.size());
      for (ConsumerRecord<byte[], byte[]> letter : letters) {
        String k = key(letter);
        assertThat(header(letter, "convgate-reason-code"))
            .as("reason of %s", k)
            .isEqualTo(poison.get(k));
        assertThat(header(letter, "dead-letter-reason")).as("reason text of %s", k).isNotBlank();
        assertThat(header(letter, "dead-letter-topic")).isEqualTo("billing.events");
        assertThat(header(letter, "dead-letter-offset")).isNotBlank();
        assertThat(header(letter, "convgate-stage")).isEqualTo("ingest");
        byte[] sent =
            stream.stream()
                .filter(s -> k.equals(new String(s.key(), StandardCharsets.UTF_8)))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(Arrays.equals(letter.value(), sent))
            .as("payload of %s kept byte for byte", k)
            .isTrue();
      }
      ConsumerRecord<byte[], byte[]> envelope = only(letters, run + "-envelope");
      assertThat(header(envelope, "convgate-field-errors"))
          .contains("\"/id\"")
          .contains("\"/time\"");
      ConsumerRecord<byte[], byte[]> data = only(letters, run + "-data");
      assertThat(header(data, "convgate-field-errors"))
          .contains("/data/items/0/name")
          .contains("/data/items/0/unitPrice")
          .contains("USD");
      assertThat(header(only(letters, run + "-type"), "dead-letter-reason"))
          .contains("order.shipped");
      assertThat(header(only(letters, run + "-stranger"), "convgate-field-errors"))
          .contains("/integration");
      assertThat(header(only(letters, run + "-dup"), "convgate-field-errors"))
          .contains("\"/id\"")
          .contains("more than once");
      assertThat(header(only(letters, run + "-control"), "convgate-field-errors"))
          .contains("/data/firstName")
          .contains("control characters");
      assertThat(header(only(letters, run + "-source"), "convgate-field-errors"))
          .contains("/source")
          .contains("URI-reference");
      assertThat(header(only(letters, run + "-extension"), "convgate-field-errors"))
          .contains("/traceId")
          .contains("attribute name");
    }
  }

  private static ConsumerRecord<byte[], byte[]> only(
      List<ConsumerRecord<byte[], byte[]>> letters, String key) {
    return letters.stream().filter(l -> key.equals(key(l))).findFirst().orElseThrow();
  }

  private static ProducerRecord<byte[], byte[]> binary(String run, String integration) {
    ObjectNode data = Events.sale("D-" + run, "d@example.com", "EUR", "5.00", 3);
    ProducerRecord<byte[], byte[]> record =
        record(run + "-d", data.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers =
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", "d-" + run,
            "ce_source", "billing/binary",
            "ce_type", "sale.completed",
            "ce_time", TIME,
            "ce_integration", integration,
            "content-type", "application/json");
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static ProducerRecord<byte[], byte[]> binaryWithBadExtension(
      String run, String integration) {
    ObjectNode data = Events.sale("X-" + run, "x@example.com", "EUR", "5.00", 1);
    ProducerRecord<byte[], byte[]> record =
        record(run + "-extension", data.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers =
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", "x-" + run,
            "ce_source", "billing/binary",
            "ce_type", "sale.completed",
            "ce_time", TIME,
            "ce_integration", integration,
            "ce_traceId", "abc");
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ProducerRecord<>("billing.events", 0, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static List<AcceptedRequest> received(TestStack stack, String apiKey) {
    return stack.sandbox().accepted().stream().filter(r -> apiKey.equals(r.apiKey())).toList();
  }
}
