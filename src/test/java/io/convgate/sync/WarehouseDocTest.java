package io.convgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.topics.TopicCatalog;
import io.convgate.topics.TopicDeclaration;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Connect example of docs/warehouse.md reads a declared, compacted change topic with the
 * converters that match what convgate writes (string keys, schemaless JSON values). Kafka Connect
 * itself cannot run here.
 */
class WarehouseDocTest {

  @Test
  void theSinkExampleMatchesTheTopicsAndTheirFormat() throws Exception {
    String doc = Files.readString(Path.of("docs/warehouse.md"));
    int start = doc.indexOf("```json") + "```json".length();
    JsonNode connector =
        new ObjectMapper().readTree(doc.substring(start, doc.indexOf("```", start)));
    JsonNode config = connector.get("config");

    TopicCatalog catalog;
    try (InputStream in = Files.newInputStream(Path.of(TopicCatalog.FILE))) {
      catalog = TopicCatalog.read(in);
    }
    String topic = config.get("topics").asText();
    TopicDeclaration declared =
        catalog.topics().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
    assertThat(topic).isEqualTo(SyncedResource.SALES.topic());
    assertThat(declared.config()).containsEntry("cleanup.policy", "compact");
    assertThat(config.get("key.converter").asText())
        .isEqualTo("org.apache.kafka.connect.storage.StringConverter");
    assertThat(config.get("value.converter").asText())
        .isEqualTo("org.apache.kafka.connect.json.JsonConverter");
    assertThat(config.get("value.converter.schemas.enable").asText()).isEqualTo("false");
  }
}
