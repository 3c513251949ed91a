package io.convgate.deadletter;

import io.convgate.ingest.EventAdmission;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.support.LogSafe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code convgate.dead-letter} and indexes every record in PostgreSQL, so operators can list,
 * filter, inspect and replay dead letters. The topic stays the record of truth; the index is
 * rebuilt from it by resetting this consumer group, and a record read twice is indexed once.
 */
@ApplicationScoped
public class DeadLetterIndexer {

  private final DeadLetterStore store;
  private final EventAdmission admission;

  public DeadLetterIndexer(DeadLetterStore store, EventAdmission admission) {
    this.store = store;
    this.admission = admission;
  }

  @Incoming("dead-letters-in")
  public Uni<Void> index(ConsumerRecords<byte[], byte[]> records) {
    List<Uni<DeadLetterStore.Indexed>> letters = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      letters.add(toIndexed(record));
    }
    if (letters.isEmpty()) {
      return store.insert(List.of());
    }
    return Uni.join().all(letters).andFailFast().chain(store::insert);
  }

  private Uni<DeadLetterStore.Indexed> toIndexed(ConsumerRecord<byte[], byte[]> record) {
    HeaderList all = HeaderList.of(record.headers());
    Map<String, String> added = new HashMap<>();
    HeaderList.Builder original = HeaderList.builder(all.size());
    for (int i = 0; i < all.size(); i++) {
      String name = all.name(i);
      byte[] value = all.value(i);
      if (DeadLetterHeaders.isAddedByConvgate(name)) {
        added.put(
            name, bounded(name, value == null ? null : new String(value, StandardCharsets.UTF_8)));
      } else {
        original.add(name, value);
      }
    }
    return ledgerKey(record, added, original.build())
        .map(
            ledgerKey ->
                new DeadLetterStore.Indexed(
                    record.partition(),
                    record.offset(),
                    Instant.ofEpochMilli(record.timestamp()),
                    added,
                    ledgerKey,
                    record.key(),
                    record.value(),
                    all));
  }

  /**
   * The identity and reason columns, bounded as {@link DeadLetterPublisher} bounds them: a dead
   * letter written before it did may carry a producer's 100,000-character integration id, which no
   * index row takes (the insert would fail, and with it every dead letter behind it).
   */
  private static String bounded(String header, String value) {
    return switch (header) {
      case DeadLetterHeaders.INTEGRATION,
          DeadLetterHeaders.EVENT_ID,
          DeadLetterHeaders.EVENT_TYPE ->
          LogSafe.orNull(value, LogSafe.VALUE);
      case DeadLetterHeaders.REASON, DeadLetterHeaders.CAUSE -> LogSafe.orNull(value, LogSafe.TEXT);
      default -> value;
    };
  }

  /** The ledger key of the event inside, when it decodes; invalid events have none. */
  private Uni<String> ledgerKey(
      ConsumerRecord<byte[], byte[]> record, Map<String, String> added, HeaderList headers) {
    if (record.value() == null) {
      return Uni.createFrom().nullItem();
    }
    try {
      return admission
          .commandOf(
              new OriginalRecord(
                  added.getOrDefault(DeadLetterHeaders.TOPIC, ""),
                  -1,
                  -1,
                  record.key(),
                  record.value(),
                  headers),
              added.get(DeadLetterHeaders.INTEGRATION))
          .map(DeliveryCommand::idempotencyKey)
          .onFailure()
          .recoverWithNull();
    } catch (RuntimeException e) {
      return Uni.createFrom().nullItem();
    }
  }
}
