package io.convgate.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.Producers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one CloudEvents JSON file to the local stack's broker, like a producer would: sales and
 * refunds to {@code billing.events}, leads to {@code crm.events}.
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
    JsonNode envelope = Events.JSON.readTree(value);
    String type = envelope.path("type").asText();
    String topic = type.startsWith("lead.") ? "crm.events" : "billing.events";
    String key = envelope.path("data").path("saleId").asText(envelope.path("id").asText());
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(bootstrap)) {
      RecordMetadata sent =
          producer
              .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
              .get();
      System.out.printf(
          "sent %s id=%s to %s partition=%d offset=%d%n",
          type, envelope.path("id").asText(), topic, sent.partition(), sent.offset());
    }
  }
}
