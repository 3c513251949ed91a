package io.convgate.ingest;

import io.convgate.pipeline.CommandCodec;
import io.convgate.pipeline.DeliveryCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes commands to {@code convgate.deliveries}, keyed by integration id, a poll at a time: the
 * commands are written to bytes ({@link CommandCodec}) on the caller's thread and handed to the
 * channel's Kafka producer in one task, in order; the result completes when the broker has
 * acknowledged every one. One hand-off per poll instead of a message, its metadata and its own
 * acknowledgement chain per command.
 */
@ApplicationScoped
public class DeliveryPublisher {

  static final String CHANNEL = "deliveries";

  private final KafkaClientService kafka;
  private final String topic;
  private volatile KafkaProducer<String, byte[]> producer;

  /**
   * @param channel unused here, but injecting it is what makes the connector create the channel's
   *     producer (with the {@code mp.messaging.outgoing.deliveries.*} configuration)
   */
  public DeliveryPublisher(
      @Channel(CHANNEL) MutinyEmitter<byte[]> channel,
      KafkaClientService kafka,
      @ConfigProperty(name = "mp.messaging.outgoing.deliveries.topic") String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  /** Sends every command now, in list order, and completes once the broker acknowledged all. */
  public Uni<Void> publishAll(List<DeliveryCommand> commands) {
    if (commands.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(commands.size());
    for (DeliveryCommand command : commands) {
      records.add(
          new ProducerRecord<>(topic, command.integrationId(), CommandCodec.encode(command)));
    }
    CompletableFuture<Void> acked = new CompletableFuture<>();
    AtomicInteger pending = new AtomicInteger(records.size());
    Context caller = Vertx.currentContext();
    return producer()
        .runOnSendingThread(
            kafkaProducer -> {
              for (ProducerRecord<String, byte[]> record : records) {
                kafkaProducer.send(
                    record,
                    (metadata, error) -> {
                      if (error != null) {
                        acked.completeExceptionally(error);
                      } else if (pending.decrementAndGet() == 0) {
                        acked.complete(null);
                      }
                    });
              }
            })
        .chain(() -> onCaller(acked, caller));
  }

  /** Continues on the caller's Vert.x context, not on the producer's network thread. */
  private static Uni<Void> onCaller(CompletableFuture<Void> acked, Context caller) {
    return Uni.createFrom()
        .emitter(
            emitter ->
                acked.whenComplete(
                    (ignored, error) -> {
                      Runnable resume =
                          () -> {
                            if (error != null) {
                              emitter.fail(error);
                            } else {
                              emitter.complete(null);
                            }
                          };
                      if (caller == null) {
                        resume.run();
                      } else {
                        caller.runOnContext(v -> resume.run());
                      }
                    }));
  }

  private KafkaProducer<String, byte[]> producer() {
    KafkaProducer<String, byte[]> current = producer;
    if (current == null) {
      current = kafka.getProducer(CHANNEL);
      if (current == null) {
        throw new IllegalStateException("the '" + CHANNEL + "' channel has no Kafka producer");
      }
      producer = current;
    }
    return current;
  }
}
