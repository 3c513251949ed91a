package io.convgate.ingest;

import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes records to an input topic, as a producer would: events accepted over HTTP, and dead
 * letters being replayed (their original key, value and headers, to their original topic).
 */
@ApplicationScoped
public class InputPublisher {

  private static final int BUFFER = 4096;

  private final MutinyEmitter<byte[]> emitter;

  public InputPublisher(
      @Channel("input-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> emitter) {
    this.emitter = emitter;
  }

  /** Sends now, in call order, and returns the broker's acknowledgement; headers in their order. */
  public Uni<Void> publish(String topic, byte[] key, byte[] value, HeaderList headers) {
    Message<byte[]> message =
        Message.of(value)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<byte[]>builder()
                    .withTopic(topic)
                    .withKey(key)
                    .withHeaders(headers.toRecordHeaders())
                    .build());
    return Uni.createFrom()
        .completionStage(emitter.sendMessage(message).subscribeAsCompletionStage());
  }

  public Uni<Void> publish(OriginalRecord record) {
    return publish(record.topic(), record.key(), record.value(), record.headers());
  }
}
