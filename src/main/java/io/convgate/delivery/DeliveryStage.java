package io.convgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.deadletter.DeadLetterPublisher;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.ledger.ClaimRequest;
import io.convgate.ledger.ClaimResult;
import io.convgate.ledger.Ledger;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.Outcome;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.Drain;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.pipeline.PipelineMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stage 2: reads {@code convgate.deliveries} a poll at a time. For a poll it makes one ledger
 * claim, sends what the ledger says is new (or in doubt) at each integration's pace, dead-letters
 * what Hyros refuses, and records every outcome in one more statement. Only then is the poll
 * acknowledged, so a crash at any point re-reads it and the ledger turns the re-read into skips.
 */
@ApplicationScoped
public class DeliveryStage {

  private static final Logger LOGGER = Logger.getLogger(DeliveryStage.class);

  private final ObjectMapper json;
  private final Ledger ledger;
  private final IntegrationRegistry integrations;
  private final Sender sender;
  private final OutcomeFactory outcomes;
  private final DeadLetterPublisher deadLetters;
  private final PipelineMetrics metrics;
  private final DeliveryConfig config;
  private final Drain drain;

  public DeliveryStage(
      ObjectMapper json,
      Ledger ledger,
      IntegrationRegistry integrations,
      Sender sender,
      OutcomeFactory outcomes,
      DeadLetterPublisher deadLetters,
      PipelineMetrics metrics,
      DeliveryConfig config,
      Drain drain) {
    this.json = json;
    this.ledger = ledger;
    this.integrations = integrations;
    this.sender = sender;
    this.outcomes = outcomes;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.config = config;
    this.drain = drain;
  }

  @Incoming("deliveries-in")
  public Uni<Void> deliver(ConsumerRecords<String, String> records) {
    return drain.track(() -> process(records));
  }

  /**
   * @return true when every record of the poll reached an outcome
   */
  private Uni<Boolean> process(ConsumerRecords<String, String> records) {
    Map<LedgerKey, DeliveryCommand> unique = new LinkedHashMap<>();
    List<Uni<Void>> unreadable = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      DeliveryCommand command = read(record);
      if (command == null) {
        unreadable.add(deadLetters.publish(outcomes.unreadable(original(record))));
        continue;
      }
      LedgerKey key = new LedgerKey(command.integrationId(), command.idempotencyKey());
      if (unique.putIfAbsent(key, command) != null) {
        metrics.delivery(command.integrationId(), command.eventType(), "skipped");
      }
    }
    List<ClaimRequest> claims =
        unique.entrySet().stream()
            .map(
                e -> new ClaimRequest(e.getKey(), e.getValue().eventId(), e.getValue().eventType()))
            .toList();
    return join(unreadable)
        .chain(() -> ledger.claim(claims))
        .chain(
            claim -> sendClaimed(unique, claim).chain(results -> finish(claim, unique, results)));
  }

  private Uni<List<Result>> sendClaimed(Map<LedgerKey, DeliveryCommand> unique, ClaimResult claim) {
    Map<String, List<DeliveryCommand>> byIntegration = new LinkedHashMap<>();
    unique.forEach(
        (key, command) -> {
          if (!claim.shouldSend(key)) {
            metrics.delivery(key.integrationId(), command.eventType(), "skipped");
            return;
          }
          if (claim.inDoubt().contains(key)) {
            metrics.inDoubt(key.integrationId());
            LOGGER.warnf(
                "in doubt, sending again integration=%s event_id=%s key=%s",
                key.integrationId(), command.eventId(), key.idempotencyKey());
          }
          byIntegration.computeIfAbsent(key.integrationId(), id -> new ArrayList<>()).add(command);
        });
    if (byIntegration.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Uni<List<Result>>> perIntegration = new ArrayList<>();
    byIntegration.forEach(
        (id, commands) ->
            perIntegration.add(integrations.find(id).chain(found -> sendAll(found, commands))));
    return Uni.join()
        .all(perIntegration)
        .andFailFast()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  /** Lanes by ordering key: sequential within a lane, concurrent across lanes. */
  private Uni<List<Result>> sendAll(Optional<Integration> found, List<DeliveryCommand> commands) {
    if (found.isEmpty() || !found.get().isActive()) {
      return Uni.createFrom()
          .item(commands.stream().map(c -> new Result(c, null, found.orElse(null))).toList());
    }
    Integration integration = found.get();
    Map<String, List<DeliveryCommand>> lanes = new LinkedHashMap<>();
    commands.forEach(c -> lanes.computeIfAbsent(c.orderingKey(), k -> new ArrayList<>()).add(c));
    return Multi.createFrom()
        .iterable(lanes.values())
        .onItem()
        .transformToUni(lane -> sendLane(lane, integration))
        .merge(config.laneConcurrency())
        .collect()
        .asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  private Uni<List<Result>> sendLane(List<DeliveryCommand> lane, Integration integration) {
    List<Result> results = new ArrayList<>(lane.size());
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (DeliveryCommand command : lane) {
      chain =
          chain.chain(
              () ->
                  drain.draining()
                      ? Uni.createFrom().voidItem()
                      : sender
                          .send(command, integration)
                          .invoke(a -> results.add(new Result(command, a, integration)))
                          .replaceWithVoid());
    }
    return chain.replaceWith(results);
  }

  /**
   * Dead letters first (their acks), then one statement records every outcome of the poll. Claims
   * never attempted because of a shutdown are released, and the poll is reported incomplete.
   */
  private Uni<Boolean> finish(
      ClaimResult claim, Map<LedgerKey, DeliveryCommand> unique, List<Result> results) {
    List<Outcome> recorded = new ArrayList<>(results.size());
    List<Uni<Void>> letters = new ArrayList<>();
    for (Result result : results) {
      Outcome outcome =
          outcomes.outcome(result.command(), result.attempted(), result.integration());
      recorded.add(outcome);
      metrics.delivery(
          result.command().integrationId(),
          result.command().eventType(),
          outcome.state().name().toLowerCase(java.util.Locale.ROOT));
      outcomes
          .deadLetter(result.command(), result.attempted(), result.integration())
          .ifPresent(letter -> letters.add(deadLetters.publish(letter)));
    }
    Set<LedgerKey> ended = new HashSet<>();
    recorded.forEach(o -> ended.add(o.key()));
    List<LedgerKey> unsent =
        unique.keySet().stream().filter(k -> claim.shouldSend(k) && !ended.contains(k)).toList();
    return join(letters)
        .chain(() -> ledger.record(recorded))
        .chain(() -> ledger.release(unsent))
        .map(ignored -> unsent.isEmpty());
  }

  private DeliveryCommand read(ConsumerRecord<String, String> record) {
    try {
      return json.readValue(record.value(), DeliveryCommand.class);
    } catch (Exception e) {
      LOGGER.errorf(
          "unreadable delivery command partition=%d offset=%d error=%s",
          record.partition(), record.offset(), e.getClass().getSimpleName());
      return null;
    }
  }

  private static OriginalRecord original(ConsumerRecord<String, String> record) {
    return new OriginalRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
        record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8),
        new HashMap<>());
  }

  private static Uni<Void> join(List<Uni<Void>> unis) {
    return unis.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(unis).andFailFast().replaceWithVoid();
  }

  /** A command and how sending it ended; {@code attempted} is null when it was not sent. */
  record Result(DeliveryCommand command, Attempted attempted, Integration integration) {}
}
