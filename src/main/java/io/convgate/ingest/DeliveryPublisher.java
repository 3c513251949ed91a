package io.convgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.pipeline.DeliveryCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes commands to {@code convgate.deliveries}, keyed by integration id. */
@ApplicationScoped
public class DeliveryPublisher {

  private static final int BUFFER = 4096;

  private final MutinyEmitter<byte[]> emitter;
  private final ObjectMapper json;

  public DeliveryPublisher(
      @Channel("deliveries") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> emitter,
      ObjectMapper json) {
    this.emitter = emitter;
    this.json = json;
  }

  /** Sends now (in call order) and returns the broker's acknowledgement. */
  public Uni<Void> publish(DeliveryCommand command) {
    byte[] value;
    try {
      value = json.writeValueAsBytes(command);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    Message<byte[]> message =
        Message.of(value)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(command.integrationId())
                    .build());
    return Uni.createFrom()
        .completionStage(emitter.sendMessage(message).subscribeAsCompletionStage());
  }
}
