package io.convgate.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.Producers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one CloudEvents JSON file to the local stack's broker, like a producer would: sales and
 * refunds, subscriptions and carts to {@code billing.events}, leads and calls to {@code
 * crm.events}; keyed by the sale, call, subscription or cart id (the event id otherwise).
 *
 * <p>{@code ./mvnw -q exec:java@send-event -Devent=docs/examples/sale-completed.json} (optionally
 * {@code -Dbootstrap=host:port}).
 */
public final class SendEvent {

  private SendEvent() {}

  public static void main(String[] args) throws Exception {
    String file = System.getProperty("event", args.length > 0 ? args[0] : null);
    if (file == null) {
      System.err.println("usage: -Devent=<path to a CloudEvents JSON file>");
      System.exit(2);
    }
    String bootstrap = System.getProperty("bootstrap", "127.0.0.1:" + LocalStack.KAFKA_PORT);
    byte[] value = Files.readAllBytes(Path.of(file));
    RecordMetadata sent = send(value, bootstrap);
    System.out.printf(
        "sent %s id=%s to %s partition=%d offset=%d%n",
        Events.JSON.readTree(value).path("type").asText(),
        Events.JSON.readTree(value).path("id").asText(),
        sent.topic(),
        sent.partition(),
        sent.offset());
  }

  /** Publishes one structured-mode event as {@code main} does; returns where it went. */
  public static RecordMetadata send(byte[] value, String bootstrap) throws Exception {
    JsonNode envelope = Events.JSON.readTree(value);
    String type = envelope.path("type").asText();
    String topic =
        type.startsWith("lead.") || type.startsWith("call.") ? "crm.events" : "billing.events";
    String key = envelope.path("id").asText();
    // Keyed by the thing the event is about, as a producer keeps a thing's events in order.
    for (String thing : List.of("saleId", "callId", "subscriptionId", "cartId")) {
      if (envelope.path("data").hasNonNull(thing)) {
        key = envelope.path("data").path(thing).asText();
        break;
      }
    }
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(bootstrap)) {
      return producer
          .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
          .get();
    }
  }
}
