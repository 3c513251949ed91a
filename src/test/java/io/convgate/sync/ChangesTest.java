package io.convgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theFingerprintIgnoresFieldOrderAndSeesEveryValue() throws Exception {
    String a = Fingerprint.of(json("{\"id\":\"s1\",\"price\":{\"price\":10,\"refunded\":0.0}}"));
    String b = Fingerprint.of(json("{\"price\":{\"refunded\":0.0,\"price\":10},\"id\":\"s1\"}"));
    String refunded =
        Fingerprint.of(json("{\"id\":\"s1\",\"price\":{\"price\":10,\"refunded\":10.0}}"));
    assertThat(a).isEqualTo(b).isNotEqualTo(refunded);
    assertThat(Fingerprint.of(json("{\"tags\":[\"a\",\"b\"]}")))
        .as("array order is content")
        .isNotEqualTo(Fingerprint.of(json("{\"tags\":[\"b\",\"a\"]}")));
  }

  @Test
  void onlyNewAndChangedRecordsArePublished() throws Exception {
    ReadRecord same = ReadRecord.of(json("{\"id\":\"s1\",\"v\":1}"));
    ReadRecord changed = ReadRecord.of(json("{\"id\":\"s2\",\"v\":2}"));
    ReadRecord fresh = ReadRecord.of(json("{\"id\":\"s3\",\"v\":1}"));
    Map<String, String> published =
        Map.of("s1", same.fingerprint(), "s2", Fingerprint.of(json("{\"id\":\"s2\",\"v\":1}")));
    assertThat(Changes.of(List.of(same, changed, fresh), published))
        .containsExactly(changed, fresh);
  }

  @Test
  void aRecordListedTwiceInAPageIsPublishedOnceAsLastListed() throws Exception {
    ReadRecord first = ReadRecord.of(json("{\"id\":\"s1\",\"v\":1}"));
    ReadRecord second = ReadRecord.of(json("{\"id\":\"s1\",\"v\":2}"));
    assertThat(Changes.of(List.of(first, second), Map.of())).containsExactly(second);
  }

  @Test
  void aRecordWithoutAnIdCannotBeKeyed() throws Exception {
    assertThat(ReadRecord.of(json("{\"email\":\"x@example.com\"}"))).isNull();
  }

  @Test
  void theEventIdOfAVersionIsStable() throws Exception {
    ReadRecord record = ReadRecord.of(json("{\"id\":\"s1\",\"v\":1}"));
    ReadRecord next = ReadRecord.of(json("{\"id\":\"s1\",\"v\":2}"));
    assertThat(ChangePublisher.eventId("acme", SyncedResource.SALES, record))
        .isEqualTo(
            ChangePublisher.eventId(
                "acme", SyncedResource.SALES, ReadRecord.of(json("{\"v\":1,\"id\":\"s1\"}"))))
        .isNotEqualTo(ChangePublisher.eventId("acme", SyncedResource.SALES, next))
        .isNotEqualTo(ChangePublisher.eventId("other", SyncedResource.SALES, record));
  }
}
