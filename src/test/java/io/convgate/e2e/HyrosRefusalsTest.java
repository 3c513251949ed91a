package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What convgate does when Hyros refuses: a bad request is dead-lettered, a bad key is held. */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class HyrosRefusalsTest {

  @Test
  void aBadRequestIsTriedOnceAndDeadLetteredWithHyrosMessages() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "refused", null, null);
    String eventId = "lead-" + UUID.randomUUID();
    // Valid for the event contract, refused by Hyros' stricter email rule.
    ProducerRecord<byte[], byte[]> record =
        Tenants.record(
            eventId,
            Events.envelope(
                eventId,
                "lead.upserted",
                tenant.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("someone@localhost")));
    Tenants.produce(stack, List.of(record));

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !reader.matching(r -> eventId.equals(header(r, "convgate-event-id"))).isEmpty());
      ConsumerRecord<byte[], byte[]> letter =
          reader.matching(r -> eventId.equals(header(r, "convgate-event-id"))).get(0);
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("hyros-rejected");
      assertThat(header(letter, "convgate-stage")).isEqualTo("delivery");
      assertThat(header(letter, "convgate-http-status")).isEqualTo("400");
      assertThat(header(letter, "convgate-hyros-messages")).contains("The Email is not valid");
      assertThat(header(letter, "convgate-attempts")).isEqualTo("1");
      assertThat(header(letter, "convgate-integration")).isEqualTo(tenant.integration());
      assertThat(header(letter, "dead-letter-topic")).isEqualTo("billing.events");
      assertThat(header(letter, "convgate-first-attempt-at")).isNotBlank();
      assertThat(Arrays.equals(letter.value(), record.value()))
          .as("original payload byte for byte")
          .isTrue();
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(eventId);
    }
    assertThat(
            MetricsScrape.sum(
                "convgate_destination_requests_total", Map.of("integration", tenant.integration())))
        .as("calls made for a permanent failure")
        .isEqualTo(1.0);
  }

  @Test
  void aRevokedKeyHoldsEventsUntilTheKeyIsReplacedThenDeliversThemOnceInOrder() {
    TestStack stack = TestStack.shared();
    Tenant revoked = Tenants.create(stack, "revoked", null, null);
    Tenant healthy = Tenants.create(stack, "healthy", null, null);
    stack.sandbox().revokeKey(revoked.apiKey());
    String run = UUID.randomUUID().toString().substring(0, 6);

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      records.add(Tenants.sale(revoked, "RV-" + run + "-" + i));
      records.add(Tenants.sale(healthy, "HL-" + run + "-" + i));
    }
    for (int i = 0; i < 15; i += 3) {
      records.add(Tenants.refund(revoked, "RV-" + run + "-" + i));
    }
    Tenants.produce(stack, records);

    await().atMost(Duration.ofSeconds(30)).until(() -> healthy.received(stack).size() == 15);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stack.database().parked(revoked.integration()) == 20);
    assertThat(
            stack
                .database()
                .rows("SELECT status FROM integrations WHERE id = ?", revoked.integration()))
        .containsExactly(List.of("AUTH_FAILED"));
    assertThat(revoked.received(stack)).isEmpty();
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      assertThat(
              reader.matching(r -> revoked.integration().equals(header(r, "convgate-integration"))))
          .as("dead letters of a held integration")
          .isEmpty();
    }

    // An operator replaces the key.
    String newKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(newKey, "revoked@example.com");
    stack
        .database()
        .count(
            "WITH u AS (UPDATE integrations SET hyros_api_key = ?, status = 'ACTIVE' WHERE id = ? RETURNING 1) SELECT count(*) FROM u",
            newKey,
            revoked.integration());

    Tenant replaced = new Tenant(revoked.integration(), newKey);
    await().atMost(Duration.ofSeconds(60)).until(() -> replaced.received(stack).size() >= 20);
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(replaced.integration());
    List<AcceptedRequest> received = replaced.received(stack);
    assertThat(received).hasSize(20);
    assertThat(
            received.stream()
                .filter(r -> r.method().equals("POST"))
                .map(AcceptedRequest::orderId)
                .distinct())
        .hasSize(15);
    for (int i = 0; i < 15; i += 3) {
      String orderId = "RV-" + run + "-" + i;
      int sale = indexOf(received, "POST", orderId);
      int refund = indexOf(received, "DELETE", orderId);
      assertThat(refund).as("refund of %s after its sale", orderId).isGreaterThan(sale);
    }
    assertThat(stack.database().parked(revoked.integration())).isZero();
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM delivery_ledger WHERE integration_id = ? AND state = 'DELIVERED'",
                    revoked.integration()))
        .isEqualTo(20);
    assertThat(healthy.received(stack)).hasSize(15);
  }

  private static int indexOf(List<AcceptedRequest> received, String method, String orderId) {
    for (int i = 0; i < received.size(); i++) {
      if (received.get(i).method().equals(method) && orderId.equals(received.get(i).orderId())) {
        return i;
      }
    }
    throw new AssertionError(method + " " + orderId + " never arrived");
  }
}
