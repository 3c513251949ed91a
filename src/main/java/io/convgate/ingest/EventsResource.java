package io.convgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.api.Access;
import io.convgate.api.ApiException;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.event.DuplicateNames;
import io.convgate.event.FieldError;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * HTTP ingestion for producers that cannot speak Kafka: the events are validated exactly as on the
 * Kafka path, then written to the input topic; nothing is published unless every event of the
 * request is valid, and the answer comes once the broker has them.
 */
@Path("/api/v1/events")
@Tag(name = "Events", description = "Conversion events over HTTP")
public class EventsResource {

  private final EventAdmission admission;
  private final InputPublisher publisher;
  private final HttpIngestConfig config;
  private final ObjectMapper json;

  public EventsResource(
      EventAdmission admission,
      InputPublisher publisher,
      HttpIngestConfig config,
      ObjectMapper json) {
    this.admission = admission;
    this.publisher = publisher;
    this.config = config;
    this.json = json;
  }

  /** The ids of the events now in the input topic. */
  public record Accepted(List<String> accepted) {}

  private record Checked(OriginalRecord record, EventAdmission.Verdict verdict) {}

  @POST
  @ResponseStatus(202)
  @Consumes({
    "application/json",
    "application/cloudevents+json",
    "application/cloudevents-batch+json"
  })
  @Requires(resource = Resource.EVENTS, access = Access.WRITE)
  @Operation(summary = "Publish one CloudEvent or an array of them (all or none)")
  public Uni<Accepted> publish(byte[] body) {
    List<byte[]> events = split(body);
    boolean batch = events.size() != 1 || isArray(body);
    refuseOversized(events, batch);
    return Multi.createFrom()
        .iterable(events)
        .onItem()
        .transformToUniAndConcatenate(
            value -> {
              OriginalRecord record =
                  new OriginalRecord(config.topic(), -1, -1, null, value, HeaderList.EMPTY);
              return admission.admit(record).map(verdict -> new Checked(record, verdict));
            })
        .collect()
        .asList()
        .chain(checked -> publishAll(checked, batch));
  }

  private Uni<Accepted> publishAll(List<Checked> checked, boolean batch) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < checked.size(); i++) {
      if (checked.get(i).verdict() instanceof EventAdmission.Rejected rejected) {
        String prefix = pointer(batch, i);
        rejected
            .error()
            .errors()
            .forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalidEvents(
          (batch ? "some events are" : "the event is")
              + " not valid, so none was published: fix the fields listed and send again",
          errors);
    }
    List<String> ids = new ArrayList<>();
    List<Uni<Void>> acks = new ArrayList<>();
    for (Checked item : checked) {
      EventAdmission.Accepted accepted = (EventAdmission.Accepted) item.verdict();
      ids.add(accepted.event().id());
      // Keyed like a producer keys them (by sale, for sales and refunds), so order holds.
      byte[] key = accepted.command().orderingKey().getBytes(StandardCharsets.UTF_8);
      acks.add(publisher.publish(config.topic(), key, item.record().value(), HeaderList.EMPTY));
    }
    return Uni.join().all(acks).andFailFast().replaceWith(new Accepted(ids));
  }

  private void refuseOversized(List<byte[]> events, boolean batch) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      int size = events.get(i).length;
      if (size > config.maxEventBytes()) {
        errors.add(
            new FieldError(
                pointer(batch, i),
                "is "
                    + size
                    + " bytes; an event may be at most "
                    + config.maxEventBytes()
                    + " bytes (what the input topic takes)"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalidEvents(
          (batch ? "some events are" : "the event is")
              + " too large, so none was published: send smaller events",
          errors);
    }
  }

  /** Where a field error's pointer starts: the event's index in a batch, the root otherwise. */
  private static String pointer(boolean batch, int index) {
    return batch ? "/" + index : "";
  }

  private List<byte[]> split(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badField("/", "the body must be a CloudEvent or an array of them");
    }
    JsonNode tree;
    try {
      // strict: re-written one by one, a batch's events would otherwise lose a repeated name here
      tree = DuplicateNames.strictReader(json).readTree(body);
    } catch (JsonProcessingException e) {
      Optional<String> repeated = DuplicateNames.pointer(e);
      if (repeated.isPresent()) {
        throw ApiException.invalidEvents(
            "the body names a member twice in one object, so nothing was published",
            List.of(new FieldError(repeated.get(), DuplicateNames.message())));
      }
      throw ApiException.badField(
          "/", "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    } catch (java.io.IOException e) {
      throw ApiException.badField(
          "/", "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!tree.isArray()) {
      return List.of(body);
    }
    if (tree.isEmpty()) {
      throw ApiException.badField("/", "the array holds no event");
    }
    if (tree.size() > config.maxBatch()) {
      throw ApiException.badField(
          "/",
          "holds " + tree.size() + " events; send at most " + config.maxBatch() + " per request");
    }
    List<byte[]> events = new ArrayList<>();
    for (JsonNode node : tree) {
      try {
        events.add(json.writeValueAsBytes(node));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return events;
  }

  private static boolean isArray(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '[';
      }
    }
    return false;
  }
}
