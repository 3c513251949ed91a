package io.convgate.topics;

import java.util.List;
import java.util.Map;

/** One entry of {@code kafka-topics.yaml}. */
public record TopicDeclaration(
    String name,
    String description,
    int partitions,
    short replicationFactor,
    Map<String, String> config,
    List<String> producers,
    List<String> consumers) {

  public TopicDeclaration {
    config = config == null ? Map.of() : Map.copyOf(config);
    producers = producers == null ? List.of() : List.copyOf(producers);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }
}
