package io.convgate.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Rows of {@code dead_letters} as the API and replays see them: summaries, details with their
 * headers decoded (text when UTF-8, else base64), and the original record to send again.
 */
final class DeadLetterRows {

  private final ObjectMapper json;

  DeadLetterRows(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The original record: the headers it had before convgate added its dead-letter headers, every
   * one in its order.
   */
  static OriginalRecord original(Row row) {
    JsonArray array = headers(row);
    HeaderList.Builder headers = HeaderList.builder(array.size());
    for (Object item : array) {
      JsonObject header = (JsonObject) item;
      String name = header.getString("name");
      if (!DeadLetterHeaders.isAddedByConvgate(name)) {
        String value = header.getString("value");
        headers.add(name, value == null ? null : Base64.getDecoder().decode(value));
      }
    }
    Buffer key = row.getBuffer("record_key");
    Buffer payload = row.getBuffer("payload");
    Integer partition = row.getInteger("source_partition");
    Long offset = row.getLong("source_offset");
    return new OriginalRecord(
        row.getString("source_topic"),
        partition == null ? -1 : partition,
        offset == null ? -1 : offset,
        key == null ? null : key.getBytes(),
        payload == null ? new byte[0] : payload.getBytes(),
        headers.build());
  }

  DeadLetterDetail toDetail(Row row, List<DeadLetterDetail.History> history) {
    List<DeadLetterDetail.Header> headers = new ArrayList<>();
    JsonNode fieldErrors = null;
    JsonNode hyrosMessages = null;
    JsonArray array = headers(row);
    for (Object item : array) {
      JsonObject header = (JsonObject) item;
      String value = header.getString("value");
      String text = value == null ? null : text(Base64.getDecoder().decode(value));
      headers.add(new DeadLetterDetail.Header(header.getString("name"), text));
      if (DeadLetterHeaders.FIELD_ERRORS.equals(header.getString("name"))) {
        fieldErrors = parse(text);
      }
      if (DeadLetterHeaders.HYROS_MESSAGES.equals(header.getString("name"))) {
        hyrosMessages = parse(text);
      }
    }
    Buffer payload = row.getBuffer("payload");
    Buffer key = row.getBuffer("record_key");
    String payloadText = payload == null ? null : decodeUtf8(payload.getBytes());
    return new DeadLetterDetail(
        summary(row),
        row.getInteger("source_partition"),
        row.getLong("source_offset"),
        fieldErrors,
        hyrosMessages,
        headers,
        key == null ? null : text(key.getBytes()),
        payloadText,
        payload != null && payloadText == null
            ? Base64.getEncoder().encodeToString(payload.getBytes())
            : null,
        instant(row.getOffsetDateTime("closed_at")),
        row.getString("closed_by"),
        row.getString("close_reason"),
        history);
  }

  /** The stored headers: a JSON array of {@code {name, value (base64)}}, in record order. */
  private static JsonArray headers(Row row) {
    Object raw = row.getValue("headers");
    return raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
  }

  private JsonNode parse(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (Exception e) {
      return json.getNodeFactory().textNode(text);
    }
  }

  private static String text(byte[] bytes) {
    String utf8 = decodeUtf8(bytes);
    return utf8 != null ? utf8 : "base64:" + Base64.getEncoder().encodeToString(bytes);
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static List<DeadLetterSummary> summaries(RowSet<Row> rows) {
    List<DeadLetterSummary> list = new ArrayList<>();
    rows.forEach(row -> list.add(summary(row)));
    return list;
  }

  static DeadLetterSummary summary(Row row) {
    return new DeadLetterSummary(
        row.getLong("id"),
        DeadLetterState.valueOf(row.getString("state")),
        row.getString("stage"),
        row.getString("reason_code"),
        row.getString("reason"),
        row.getInteger("http_status"),
        row.getString("integration_id"),
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("source_topic"),
        instant(row.getOffsetDateTime("dead_lettered_at")),
        row.getInteger("replay_count"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  static Integer parseInt(String text) {
    try {
      return text == null ? null : Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Long parseLong(String text) {
    try {
      return text == null ? null : Long.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
