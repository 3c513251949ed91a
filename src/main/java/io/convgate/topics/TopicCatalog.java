package io.convgate.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The topics declared in {@code kafka-topics.yaml}, read and checked. */
public record TopicCatalog(List<TopicDeclaration> topics) {

  /** The name of the declaration file, at the top of the repository and on the classpath. */
  public static final String FILE = "kafka-topics.yaml";

  public TopicCatalog {
    Set<String> names = new HashSet<>();
    for (TopicDeclaration topic : topics) {
      if (!names.add(topic.name())) {
        throw new IllegalArgumentException(FILE + " declares topic '" + topic.name() + "' twice");
      }
      if (topic.partitions() < 1 || topic.replicationFactor() < 1) {
        throw new IllegalArgumentException(
            FILE + ": topic '" + topic.name() + "' needs partitions and replicationFactor >= 1");
      }
    }
    topics = List.copyOf(topics);
  }

  public static TopicCatalog read(InputStream yaml) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      return mapper.readValue(yaml, TopicCatalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE + ": " + e.getMessage(), e);
    }
  }

  public static TopicCatalog fromClasspath() {
    try (InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
