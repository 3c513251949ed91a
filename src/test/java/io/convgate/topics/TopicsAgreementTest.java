package io.convgate.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.TestStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** kafka-topics.yaml, the application's channels and a broker provisioned from the file agree. */
@Execution(ExecutionMode.CONCURRENT)
class TopicsAgreementTest {

  private static TopicCatalog declared() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(TopicCatalog.FILE))) {
      return TopicCatalog.read(in);
    }
  }

  private static Properties application() throws IOException {
    Properties app = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
      app.load(in);
    }
    return app;
  }

  @Test
  void everyChannelTopicIsDeclared() throws IOException {
    Properties app = application();
    Set<String> used =
        app.stringPropertyNames().stream()
            .filter(
                k ->
                    k.startsWith("mp.messaging.")
                        && (k.endsWith(".topic") || k.endsWith(".topics")))
            .flatMap(k -> Arrays.stream(app.getProperty(k).split(",")))
            .map(String::trim)
            .collect(Collectors.toSet());
    Set<String> names =
        declared().topics().stream().map(TopicDeclaration::name).collect(Collectors.toSet());
    assertThat(used).isNotEmpty();
    assertThat(names).containsAll(used);
    assertThat(used).as("every declared topic is used by a channel").containsAll(names);
  }

  /**
   * A producer refuses a record larger than its {@code max.request.size} (Kafka: 1 MiB) whatever
   * the topic allows. A command or a dead letter carries a whole input record and more, so a
   * channel that cannot write what its topic accepts turns a large valid event into a failed unit
   * that stops ingestion (LargeEventTest).
   */
  @Test
  void everyProducerMayWriteWhatItsTopicAccepts() throws IOException {
    Properties app = application();
    Map<String, TopicDeclaration> byName =
        declared().topics().stream().collect(Collectors.toMap(TopicDeclaration::name, t -> t));
    List<String> channels =
        app.stringPropertyNames().stream()
            .filter(k -> k.startsWith("mp.messaging.outgoing.") && k.endsWith(".topic"))
            .toList();
    assertThat(channels).isNotEmpty();
    for (String topicKey : channels) {
      String channel = topicKey.substring(0, topicKey.length() - ".topic".length());
      TopicDeclaration topic = byName.get(app.getProperty(topicKey));
      long accepted = Long.parseLong(topic.config().getOrDefault("max.message.bytes", "1048588"));
      long writable = Long.parseLong(app.getProperty(channel + ".max.request.size", "1048576"));
      assertThat(writable)
          .as("%s.max.request.size against %s's max.message.bytes", channel, topic.name())
          .isGreaterThanOrEqualTo(accepted);
    }
  }

  @Test
  void aProvisionedBrokerMatchesTheFile() throws Exception {
    TestStack stack = TestStack.shared();
    TopicCatalog catalog = declared();
    try (Admin admin = stack.admin()) {
      int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      List<String> names = catalog.topics().stream().map(TopicDeclaration::name).toList();
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      List<ConfigResource> resources =
          names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      for (TopicDeclaration topic : catalog.topics()) {
        TopicDescription description = described.get(topic.name());
        assertThat(description.partitions())
            .as("partitions of %s", topic.name())
            .hasSize(topic.partitions());
        int expectedReplicas = Math.min(topic.replicationFactor(), brokers);
        description
            .partitions()
            .forEach(
                p ->
                    assertThat(p.replicas())
                        .as("replicas of %s", topic.name())
                        .hasSize(expectedReplicas));
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        topic
            .config()
            .forEach(
                (key, value) -> {
                  String expected =
                      key.equals(TopicProvisioner.MIN_INSYNC)
                          ? String.valueOf(Math.min(Integer.parseInt(value), expectedReplicas))
                          : value;
                  assertThat(config.get(key).value())
                      .as("%s of %s", key, topic.name())
                      .isEqualTo(expected);
                });
      }
    }
  }

  @Test
  void theFileIsCompleteAndOwned() throws IOException {
    for (TopicDeclaration topic : declared().topics()) {
      assertThat(topic.description()).as("description of %s", topic.name()).isNotBlank();
      assertThat(topic.producers()).as("producers of %s", topic.name()).isNotEmpty();
      assertThat(topic.consumers()).as("consumers of %s", topic.name()).isNotEmpty();
      assertThat(topic.config()).as("retention of %s", topic.name()).containsKey("retention.ms");
    }
  }
}
