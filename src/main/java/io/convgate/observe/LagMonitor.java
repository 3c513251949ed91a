package io.convgate.observe;

import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.jboss.logging.Logger;

/**
 * Consumer lag per group, topic and partition, computed from the broker (end offset minus the
 * group's committed offset) with an admin client on a timer. Because it does not come from the
 * consumer, it stays right when the consumer is stuck or gone: exactly when lag matters. A
 * partition the group never committed counts from its earliest offset.
 */
@ApplicationScoped
public class LagMonitor {

  private static final Logger LOGGER = Logger.getLogger(LagMonitor.class);

  private final Periodic periodic;
  private final ObserveConfig config;
  private final MultiGauge lag;
  private Admin admin;

  public LagMonitor(Periodic periodic, ObserveConfig config, MeterRegistry registry) {
    this.periodic = periodic;
    this.config = config;
    this.lag =
        MultiGauge.builder("convgate.consumer.lag")
            .description("end offset minus committed offset")
            .register(registry);
  }

  void onStart(@Observes StartupEvent event) {
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
    periodic.every(config.lagInterval(), this::refresh);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
    }
  }

  private void refresh() {
    List<Uni<List<MultiGauge.Row<?>>>> groups = new ArrayList<>();
    config
        .groups()
        .forEach((group, topics) -> groups.add(groupLag(group, List.of(topics.split(",")))));
    Uni.join()
        .all(groups)
        .andCollectFailures()
        .subscribe()
        .with(
            lists -> lag.register(lists.stream().flatMap(List::stream).toList(), true),
            failure ->
                LOGGER.debugf("consumer lag not refreshed: %s", LogSafe.of(failure, LogSafe.TEXT)));
  }

  private Uni<List<MultiGauge.Row<?>>> groupLag(String group, List<String> topics) {
    Uni<Map<String, List<TopicPartitionInfo>>> described =
        Uni.createFrom()
            .completionStage(admin.describeTopics(topics).allTopicNames().toCompletionStage())
            .map(
                m ->
                    m.entrySet().stream()
                        .collect(
                            Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions())));
    Uni<Map<TopicPartition, OffsetAndMetadata>> committed =
        Uni.createFrom()
            .completionStage(
                admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .toCompletionStage());
    return described.chain(
        partitionsByTopic -> {
          List<TopicPartition> partitions = new ArrayList<>();
          partitionsByTopic.forEach(
              (topic, infos) ->
                  infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition()))));
          return committed.chain(
              offsets ->
                  offsets(partitions, OffsetSpec.latest())
                      .chain(
                          ends ->
                              offsets(partitions, OffsetSpec.earliest())
                                  .map(starts -> rows(group, partitions, offsets, ends, starts))));
        });
  }

  private Uni<Map<TopicPartition, ListOffsetsResultInfo>> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
    return Uni.createFrom().completionStage(admin.listOffsets(request).all().toCompletionStage());
  }

  private static List<MultiGauge.Row<?>> rows(
      String group,
      List<TopicPartition> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, ListOffsetsResultInfo> ends,
      Map<TopicPartition, ListOffsetsResultInfo> starts) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      long end = ends.get(partition).offset();
      OffsetAndMetadata done = committed.get(partition);
      long from = done == null ? starts.get(partition).offset() : done.offset();
      Tags tags =
          Tags.of(
              "group",
              group,
              "topic",
              partition.topic(),
              "partition",
              String.valueOf(partition.partition()));
      rows.add(MultiGauge.Row.of(tags, Math.max(0, end - from)));
    }
    return rows;
  }
}
