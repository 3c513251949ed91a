package io.convgate.delivery;

import io.convgate.pipeline.DeliveryOwnership;
import io.convgate.pipeline.Drain;
import io.convgate.support.LogSafe;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Settles on revocation. When a rebalance takes partitions of {@code convgate.deliveries} from a
 * delivery consumer of this instance, the polls in flight stop starting calls for those partitions'
 * deliveries; the revocation returns only once those polls have recorded the outcomes of the calls
 * already made and released the claims of the others, so the new owner reads them again and finds
 * nothing in doubt. Runs on the consumer's polling thread (never an event loop), so it may wait, up
 * to {@code convgate.delivery.revocation-timeout}. Shared by every copy of the channel ({@code
 * deliveries-in$1}...), each calling it with its own partitions.
 */
@ApplicationScoped
@Identifier(SettleOnRevocation.NAME)
public class SettleOnRevocation implements KafkaConsumerRebalanceListener {

  /** The name the channel's {@code consumer-rebalance-listener.name} refers to. */
  public static final String NAME = "convgate-delivery-settle-on-revocation";

  private static final Logger LOGGER = Logger.getLogger(SettleOnRevocation.class);

  private final InFlightPolls polls;
  private final InFlightReleases releases;
  private final Drain drain;
  private final DeliveryOwnership ownership;
  private final Duration timeout;

  public SettleOnRevocation(
      InFlightPolls polls,
      InFlightReleases releases,
      Drain drain,
      DeliveryOwnership ownership,
      DeliveryConfig config) {
    this.polls = polls;
    this.releases = releases;
    this.drain = drain;
    this.ownership = ownership;
    this.timeout = config.revocationTimeout();
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Set<Integer> given = ofTopic(partitions);
    if (!given.isEmpty()) {
      polls.assigned(consumer, given, consumer.groupMetadata().generationId());
      // On the polling thread: reading the topic's partition count may wait for metadata.
      ownership.assigned(given, consumer.partitionsFor(DeliveryOwnership.TOPIC).size());
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    // A partition lost by this consumer and already given to another consumer of this instance
    // (a fenced consumer hears of its loss only as it rejoins) is not taken from the instance.
    InFlightPolls.Revocation revocation = polls.revoke(consumer, ofTopic(partitions));
    Set<Integer> revoked = revocation.partitions();
    if (revoked.isEmpty()) {
      return;
    }
    // No release starts for these partitions' integrations from now on, and one under way stops
    // starting calls. Then the batches under way: one registered after this look checks the
    // ownership before it reclaims anything, so it finds the partitions gone.
    ownership.revoked(revoked);
    List<CompletableFuture<Void>> releasing =
        releases.holding(id -> ownership.inPartitions(id, revoked));
    List<CompletableFuture<Void>> holding = new ArrayList<>(revocation.settling());
    holding.addAll(releasing);
    if (holding.isEmpty()) {
      return;
    }
    if (drain.draining()) {
      // Shutting down: the drain has already waited for the polls in flight, within its own bound.
      return;
    }
    LOGGER.infof(
        "partitions revoked=%s generation=%d: waiting for polls_in_flight=%d and release_batches=%d"
            + " to settle",
        LogSafe.of(revoked, LogSafe.TEXT),
        consumer.groupMetadata().generationId(),
        holding.size() - releasing.size(),
        releasing.size());
    long start = System.nanoTime();
    try {
      CompletableFuture.allOf(holding.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOGGER.infof(
          "partitions revoked=%s: polls settled in %d ms",
          LogSafe.of(revoked, LogSafe.TEXT),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (TimeoutException e) {
      LOGGER.warnf(
          "partitions revoked=%s: polls_unsettled=%d still in flight after revocation_timeout=%s;"
              + " the new owner may send their calls on the wire again (counted in doubt)",
          LogSafe.of(revoked, LogSafe.TEXT),
          holding.stream().filter(f -> !f.isDone()).count(),
          timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOGGER.warnf(
          "partitions revoked=%s: interrupted while waiting for polls to settle",
          LogSafe.of(revoked, LogSafe.TEXT));
    } catch (ExecutionException e) {
      // Never: a poll's settled future is only ever completed normally.
      throw new IllegalStateException(e);
    }
  }

  private static Set<Integer> ofTopic(Collection<TopicPartition> partitions) {
    return partitions.stream()
        .filter(p -> p.topic().equals(DeliveryOwnership.TOPIC))
        .map(TopicPartition::partition)
        .collect(Collectors.toSet());
  }
}
