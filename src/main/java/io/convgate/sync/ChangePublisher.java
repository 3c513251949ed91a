package io.convgate.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes a page's new and changed records to their resource's topic (decision 0047): key {@code
 * <integration>/<hyros id>} (one partition and one compacted entry per record), value a CloudEvent
 * in structured mode whose {@code data} is the record exactly as Hyros sent it. The event id is
 * derived from the integration, resource, record id and fingerprint, so the same version of a
 * record published twice (a crash between publishing and storing the fingerprint) is the same
 * event, byte for byte: an upsert by key, or a dedupe by id, makes it a no-op.
 */
@ApplicationScoped
public class ChangePublisher {

  static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
  private static final int BUFFER = 4096;

  private final java.util.Map<SyncedResource, MutinyEmitter<byte[]>> emitters;
  private final ObjectMapper json;

  public ChangePublisher(
      @Channel("sync-leads") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> leads,
      @Channel("sync-sales") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> sales,
      @Channel("sync-calls") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> calls,
      @Channel("sync-subscriptions")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
          MutinyEmitter<byte[]> subscriptions,
      ObjectMapper json) {
    this.emitters =
        java.util.Map.of(
            SyncedResource.LEADS, leads,
            SyncedResource.SALES, sales,
            SyncedResource.CALLS, calls,
            SyncedResource.SUBSCRIPTIONS, subscriptions);
    this.json = json;
  }

  /** Sends the records in order and completes once the broker has acknowledged every one. */
  Uni<Void> publish(RunTarget run, List<ReadRecord> changes) {
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(changes.size());
    try {
      for (ReadRecord record : changes) {
        acks.add(send(run, record));
      }
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
    return Uni.createFrom()
        .completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
  }

  private CompletableFuture<Void> send(RunTarget run, ReadRecord record) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(key(run.integrationId(), record.hyrosId()))
            .withHeaders(headers)
            .build();
    Message<byte[]> message = Message.of(event(run, record)).addMetadata(metadata);
    return emitters.get(run.resource()).sendMessage(message).subscribeAsCompletionStage();
  }

  /** The topic key of a record: the integration and the Hyros id. */
  public static String key(String integrationId, String hyrosId) {
    return integrationId + "/" + hyrosId;
  }

  /** The CloudEvent id of one version of one record. */
  static String eventId(String integrationId, SyncedResource resource, ReadRecord record) {
    return Fingerprint.of(
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode()
                .add(integrationId)
                .add(resource.code())
                .add(record.hyrosId())
                .add(record.fingerprint()))
        .substring(0, 32);
  }

  private byte[] event(RunTarget run, ReadRecord record) {
    ObjectNode event = json.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", eventId(run.integrationId(), run.resource(), record));
    event.put("source", "convgate/hyros/" + run.integrationId());
    event.put("type", run.resource().eventType());
    event.put("subject", record.hyrosId());
    event.put("datacontenttype", "application/json");
    event.put("integration", run.integrationId());
    event.put("fingerprint", record.fingerprint());
    event.set("data", record.body());
    try {
      return json.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a record read as JSON is written as JSON", e);
    }
  }
}
