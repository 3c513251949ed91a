package io.convgate.hyros;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hyros' error bodies reach logs and dead letters: they are not trusted more than an event. */
class HyrosBodiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void messagesAreEscapedAndBounded() {
    JsonNode body =
        JSON.createObjectNode()
            .put("message", "bad email\r\n12:00:00 INFO forged\u2028" + "x".repeat(50_000));
    List<String> messages = HyrosBodies.messages(body, body.toString(), 400);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .startsWith("bad email\\r\\n12:00:00 INFO forged\\u2028x")
        .endsWith("chars)")
        .doesNotContain("\r", "\n", "\u2028");
    assertThat(messages.get(0).length()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void aLongListIsCutWithItsLength() {
    ArrayNode list = JSON.createObjectNode().putArray("message");
    for (int i = 0; i < 10_000; i++) {
      list.add("error " + i);
    }
    JsonNode body = JSON.createObjectNode().set("message", list);
    List<String> messages = HyrosBodies.messages(body, body.toString(), 400);
    assertThat(messages).hasSize(HyrosBodies.MAX_MESSAGES + 1).endsWith("…(10000 messages)");
  }

  @Test
  void aRawBodyWithoutMessageIsEscapedAndBounded() {
    String raw = "<html>\r\n<body>" + "y".repeat(10_000);
    List<String> messages = HyrosBodies.messages(JSON.createObjectNode(), raw, 502);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).startsWith("<html>\\r\\n<body>y").hasSizeLessThanOrEqualTo(500);
  }
}
