package io.convgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Test tenants: an integration in convgate with its own key at the sandbox. */
public final class Tenants {

  /** One integration and the Hyros key it uses. */
  public record Tenant(String integration, String apiKey) {

    /**
     * The deliveries (writes) the sandbox accepted with this tenant's key, in arrival order; key
     * checks ({@code GET /user-info}, the probes of an open circuit) are not deliveries.
     */
    public List<AcceptedRequest> received(TestStack stack) {
      return stack.sandbox().deliveries(List.of(apiKey));
    }

    /** Waits until the order ids received are exactly these, in this order (no more, no less). */
    public void awaitOrders(TestStack stack, Duration within, String... orderIds) {
      await()
          .atMost(within)
          .untilAsserted(
              () ->
                  assertThat(received(stack))
                      .extracting(AcceptedRequest::orderId)
                      .containsExactly(orderIds));
    }
  }

  private Tenants() {}

  /**
   * Creates an active integration and a key the sandbox accepts; with limits, both convgate and the
   * sandbox use them (a scaled-down Hyros).
   */
  public static Tenant create(
      TestStack stack, String prefix, Integer perSecond, Integer perMinute) {
    return createWithId(
        stack, prefix + "-" + UUID.randomUUID().toString().substring(0, 8), perSecond, perMinute);
  }

  /** As {@link #create}, with the integration id given (e.g. one placed by DeliveryConsumers). */
  public static Tenant createWithId(
      TestStack stack, String id, Integer perSecond, Integer perMinute) {
    Tenant tenant = new Tenant(id, "hyros-key-" + UUID.randomUUID());
    sandboxKey(stack, tenant, perSecond, perMinute);
    stack.database().upsertIntegration(tenant.integration(), tenant.apiKey(), perSecond, perMinute);
    return tenant;
  }

  /** Makes the tenant's key valid at the sandbox, with these limits (null: Hyros' own). */
  static void sandboxKey(TestStack stack, Tenant tenant, Integer perSecond, Integer perMinute) {
    String email = tenant.integration() + "@example.com";
    if (perSecond != null && perMinute != null) {
      stack.sandbox().addKey(tenant.apiKey(), email, perSecond, perMinute);
    } else {
      stack.sandbox().addKey(tenant.apiKey(), email);
    }
  }

  public static ProducerRecord<byte[], byte[]> sale(Tenant tenant, String saleId) {
    ObjectNode envelope =
        Events.envelope(
            "evt-" + saleId,
            "sale.completed",
            tenant.integration(),
            "2026-11-22T08:00:00+01:00",
            Events.sale(saleId, saleId.toLowerCase() + "@example.com", "USD", "19.99", 1));
    return record(saleId, envelope);
  }

  public static ProducerRecord<byte[], byte[]> refund(Tenant tenant, String saleId) {
    ObjectNode envelope =
        Events.envelope(
            "evt-refund-" + saleId,
            "sale.refunded",
            tenant.integration(),
            "2026-11-22T09:00:00+01:00",
            Events.refund(saleId, "5.00", "USD"));
    return record(saleId, envelope);
  }

  public static ProducerRecord<byte[], byte[]> record(String key, ObjectNode envelope) {
    return new ProducerRecord<>(
        "billing.events",
        key.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The same record in partition 0, for records whose order between them a test relies on. */
  public static ProducerRecord<byte[], byte[]> inFirstPartition(
      ProducerRecord<byte[], byte[]> record) {
    return new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers());
  }

  public static void produce(TestStack stack, List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }
}
