package io.convgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.convgate.topics.TopicCatalog;
import io.convgate.topics.TopicDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every manifest in deploy/ parses, and the Strimzi topics are those of kafka-topics.yaml. */
class DeployManifestsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          docs.add(node);
        }
      }
    }
    return docs;
  }

  @Test
  void everyManifestParses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("deploy"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    int checked = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        assertThat(documents(file)).as("documents in %s", file).isNotEmpty();
        checked++;
      } else if (name.endsWith(".json")) {
        assertThat(JSON.readTree(file.toFile())).as("%s", file).isNotNull();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(12);
  }

  @Test
  void strimziTopicsAreThoseOfTheDeclaration() throws IOException {
    TopicCatalog catalog;
    try (InputStream in = Files.newInputStream(Path.of(TopicCatalog.FILE))) {
      catalog = TopicCatalog.read(in);
    }
    Map<String, JsonNode> strimzi = new HashMap<>();
    for (JsonNode doc : documents(Path.of("deploy/k8s/topics.yaml"))) {
      assertThat(doc.path("kind").asText()).isEqualTo("KafkaTopic");
      strimzi.put(doc.path("spec").path("topicName").asText(), doc.path("spec"));
    }
    assertThat(strimzi.keySet())
        .containsExactlyInAnyOrderElementsOf(
            catalog.topics().stream().map(TopicDeclaration::name).toList());
    for (TopicDeclaration topic : catalog.topics()) {
      JsonNode spec = strimzi.get(topic.name());
      assertThat(spec.path("partitions").asInt())
          .as("partitions of %s", topic.name())
          .isEqualTo(topic.partitions());
      assertThat(spec.path("replicas").asInt())
          .as("replicas of %s", topic.name())
          .isEqualTo(topic.replicationFactor());
      Map<String, String> config = new HashMap<>();
      spec.path("config")
          .fields()
          .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
      assertThat(config).as("config of %s", topic.name()).isEqualTo(topic.config());
    }
  }

  @Test
  void theDeploymentStopsGracefullyAndIsProbed() throws IOException {
    JsonNode deployment =
        documents(Path.of("deploy/k8s/deployment.yaml")).stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    int drainSeconds = 30;
    assertThat(pod.path("terminationGracePeriodSeconds").asInt())
        .as("grace period longer than convgate.shutdown.drain-timeout")
        .isGreaterThan(drainSeconds);
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/q/health/ready");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/q/health/live");
    assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
    JsonNode scaled =
        documents(Path.of("deploy/k8s/keda-scaledobject.yaml")).stream()
            .filter(d -> d.path("kind").asText().equals("ScaledObject"))
            .findFirst()
            .orElseThrow();
    assertThat(scaled.path("spec").path("maxReplicaCount").asInt())
        .as("no more delivery consumers than partitions")
        .isLessThanOrEqualTo(12);
    assertThat(scaled.path("spec").path("triggers").get(0).path("type").asText())
        .isEqualTo("kafka");
  }

  @Test
  void eachPodIsAStaticMemberUnderItsOwnName() throws IOException {
    JsonNode deployment =
        documents(Path.of("deploy/k8s/deployment.yaml")).stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    JsonNode container =
        deployment.path("spec").path("template").path("spec").path("containers").get(0);
    List<JsonNode> instanceId = new ArrayList<>();
    container
        .path("env")
        .forEach(
            e -> {
              if (e.path("name").asText().equals("CONVGATE_MEMBERSHIP_INSTANCE_ID")) {
                instanceId.add(e);
              }
            });
    // The pod name: kept by a container restarted in its pod, never shared by two live pods
    // (decision 0036).
    assertThat(instanceId).hasSize(1);
    assertThat(instanceId.get(0).path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .isEqualTo("metadata.name");
  }
}
