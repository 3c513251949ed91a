package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.TopicReader;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * A record's headers are an ordered list, not a map: a name that repeats, a header without a value
 * and one whose value is not text all survive, in their order, through the command on the internal
 * topic, the dead letter, the dead-letter index and API, and a replay back to the input topic.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RepeatedHeadersTest {

  /** Not UTF-8 (0xC3 0x28 is a broken two-byte sequence), with a NUL and 0xFF. */
  private static final byte[] BINARY = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aSaleHyrosRefusedKeepsEveryHeaderInOrderInItsDeadLetterTheIndexAndItsReplay() {
    Tenants.Tenant tenant = Tenants.create(stack, "headers", null, null);
    stack.sandbox().inject(Fault.status(tenant.apiKey(), 400, Duration.ofMinutes(5)));
    String saleId = "HDR-" + UUID.randomUUID().toString().substring(0, 8);
    ProducerRecord<byte[], byte[]> sale = withHeaders(Tenants.sale(tenant, saleId));
    Tenants.produce(stack, List.of(sale));

    // Dead-lettered by the delivery stage: the original record came through its command.
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      ConsumerRecord<byte[], byte[]> letter = reader.only(saleId, Duration.ofSeconds(60));
      assertThat(header(letter, "convgate-stage")).isEqualTo("delivery");
      assertThat(producerHeaders(letter.headers()))
          .as("the dead letter's own headers, in order")
          .containsExactlyElementsOf(expected());
    }
    long id = onlyDeadLetterId(tenant.integration());
    assertThat(shownHeaders(id)).containsExactlyElementsOf(expectedInApi());

    stack.sandbox().clearFaults();
    Response job = admin.post("/api/v1/replays", Map.of("ids", List.of(id)));
    assertThat(job.statusCode()).isEqualTo(202);
    tenant.awaitOrders(stack, Duration.ofSeconds(60), saleId);
    List<ConsumerRecord<String, byte[]>> onInput = inputRecords(saleId);
    assertThat(onInput).as("the record as produced, then as replayed").hasSize(2);
    assertThat(producerHeaders(onInput.get(1).headers()))
        .as("the replayed record's headers, in order")
        .containsExactlyElementsOf(expected());
  }

  @Test
  void aRecordRejectedAtIngestKeepsEveryHeaderInOrderInItsDeadLetterAndTheIndex() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String stranger = "nobody-" + run;
    ObjectNode lead =
        Events.envelope(
            "lead-" + run,
            "lead.upserted",
            stranger,
            "2026-11-22T08:00:00+01:00",
            Events.lead(run + "@example.com"));
    ProducerRecord<byte[], byte[]> record = withHeaders(Tenants.record("L-" + run, lead));
    Tenants.produce(stack, List.of(record));

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      ConsumerRecord<byte[], byte[]> letter = reader.only("L-" + run, Duration.ofSeconds(60));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("unknown-integration");
      assertThat(producerHeaders(letter.headers())).containsExactlyElementsOf(expected());
    }
    assertThat(shownHeaders(onlyDeadLetterId(stranger))).containsExactlyElementsOf(expectedInApi());
  }

  @Test
  void aBinaryModeRecordWithTwoIdsIsRejectedAsAmbiguousWithBothKept() {
    Tenants.Tenant tenant = Tenants.create(stack, "two-ids", null, null);
    String run = UUID.randomUUID().toString().substring(0, 8);
    ObjectNode data = Events.sale("TWO-" + run, "two@example.com", "USD", "5.00", 1);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            "billing.events",
            ("TWO-" + run).getBytes(StandardCharsets.UTF_8),
            data.toString().getBytes(StandardCharsets.UTF_8));
    add(record, "ce_specversion", "1.0");
    add(record, "ce_id", "first-" + run);
    add(record, "ce_source", "billing/binary");
    add(record, "ce_type", "sale.completed");
    add(record, "ce_time", "2026-11-22T08:00:00+01:00");
    add(record, "ce_integration", tenant.integration());
    add(record, "ce_id", "second-" + run);
    Tenants.produce(stack, List.of(record));

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      ConsumerRecord<byte[], byte[]> letter = reader.only("TWO-" + run, Duration.ofSeconds(60));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("invalid-envelope");
      assertThat(header(letter, "convgate-field-errors")).contains("/id").contains("ce_id");
      assertThat(producerHeaders(letter.headers()))
          .extracting(h -> h.get(0))
          .containsExactly(
              "ce_specversion",
              "ce_id",
              "ce_source",
              "ce_type",
              "ce_time",
              "ce_integration",
              "ce_id");
    }
    assertThat(tenant.received(stack)).as("neither id is guessed at and sent").isEmpty();
  }

  /** The headers each test record carries: a repeated name, a null value, a binary value. */
  private static ProducerRecord<byte[], byte[]> withHeaders(ProducerRecord<byte[], byte[]> r) {
    add(r, "trace", "first");
    r.headers().add("empty", null);
    add(r, "trace", "second");
    r.headers().add("bin", BINARY);
    return r;
  }

  /** {@link #withHeaders}'s headers as [name, base64 value or null]. */
  private static List<List<String>> expected() {
    return List.of(
        pair("trace", b64("first".getBytes(StandardCharsets.UTF_8))),
        pair("empty", null),
        pair("trace", b64("second".getBytes(StandardCharsets.UTF_8))),
        pair("bin", b64(BINARY)));
  }

  /** As the admin API shows them: text when UTF-8, else {@code base64:} and the bytes. */
  private static List<List<String>> expectedInApi() {
    return List.of(
        pair("trace", "first"),
        pair("empty", null),
        pair("trace", "second"),
        pair("bin", "base64:" + b64(BINARY)));
  }

  private static void add(ProducerRecord<byte[], byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The record's headers but those convgate adds when dead-lettering, in order. */
  private static List<List<String>> producerHeaders(Iterable<Header> headers) {
    List<List<String>> pairs = new ArrayList<>();
    for (Header header : headers) {
      if (!header.key().startsWith("convgate-") && !header.key().startsWith("dead-letter-")) {
        pairs.add(pair(header.key(), header.value() == null ? null : b64(header.value())));
      }
    }
    return pairs;
  }

  private long onlyDeadLetterId(String integration) {
    String list = "/api/v1/dead-letters?integration=" + integration;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get(list).<List<Object>>path("items").size() == 1);
    return admin.get(list).<Number>path("items[0].id").longValue();
  }

  /** The dead letter's headers in the admin API, but those convgate adds, as [name, value]. */
  private List<List<String>> shownHeaders(long id) {
    Response detail = admin.get("/api/v1/dead-letters/" + id);
    assertThat(detail.statusCode()).isEqualTo(200);
    List<Map<String, String>> headers = detail.path("headers");
    List<List<String>> pairs = new ArrayList<>();
    for (Map<String, String> header : headers) {
      String name = header.get("name");
      if (!name.startsWith("convgate-") && !name.startsWith("dead-letter-")) {
        assertThat(header).as("header %s has a value member, null or not", name).hasSize(2);
        pairs.add(pair(name, header.get("value")));
      }
    }
    return pairs;
  }

  /** The records on billing.events with this key, in offset order (one key, one partition). */
  private List<ConsumerRecord<String, byte[]>> inputRecords(String key) {
    try (TopicReader topic = new TopicReader(stack.bootstrapServers(), "billing.events")) {
      return topic.matching(r -> key.equals(r.key()));
    }
  }

  private static List<String> pair(String name, String value) {
    List<String> pair = new ArrayList<>(2);
    pair.add(name);
    pair.add(value);
    return pair;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
