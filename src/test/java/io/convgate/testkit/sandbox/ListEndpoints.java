package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /leads|/sales|/calls|/subscriptions} from {@link SandboxHistory}, with the Blueprint's
 * rules: {@code fromDate}/{@code toDate} filter by creation date (a date without an offset is read
 * in the account's time zone, UTC here), {@code pageSize} 1-250, {@code pageId} from the previous
 * page's {@code nextPageId}, and a change of any other parameter starts again from the first page.
 *
 * <p>Assumptions beyond the Blueprint: a {@code fromDate} older than the look-back is refused (400)
 * rather than cut silently; a page id is a position (creation date and id of the last record
 * served), so paging stays exact while new records arrive and survives a restart of the reader.
 */
final class ListEndpoints {

  /** What one list request is answered: a status, messages, and on success a page. */
  record Answer(int status, List<String> messages, ArrayNode result, String nextPageId) {}

  private static final int MAX_PAGE = 250;
  private static final int DEFAULT_PAGE = 50;

  private final SandboxHistory history;

  ListEndpoints(SandboxHistory history) {
    this.history = history;
  }

  Answer list(String apiKey, String resource, MultiMap params, long nowMillis) {
    Instant from;
    Instant to;
    try {
      from =
          date(params.get("fromDate"), Instant.ofEpochMilli(nowMillis).minus(history.lookBack()));
      to = date(params.get("toDate"), Instant.ofEpochMilli(nowMillis));
    } catch (DateTimeParseException e) {
      return error("Invalid date format. Please, read the API documentation");
    }
    int pageSize = DEFAULT_PAGE;
    if (params.get("pageSize") != null) {
      try {
        pageSize = Integer.parseInt(params.get("pageSize"));
      } catch (NumberFormatException e) {
        pageSize = -1;
      }
      if (pageSize < 1 || pageSize > MAX_PAGE) {
        return error("Page size must be between 1 and 250");
      }
    }
    if (from.isBefore(Instant.ofEpochMilli(nowMillis).minus(history.lookBack()))) {
      return error(
          "fromDate is older than the "
              + history.lookBack().toDays()
              + " days this endpoint looks back");
    }
    String scope = scope(resource, params);
    long afterCreated = Long.MIN_VALUE;
    String afterId = "";
    String pageId = params.get("pageId");
    if (pageId != null) {
      String[] position = decode(pageId);
      if (position == null) {
        return error("Invalid value for parameter: pageId");
      }
      if (position[0].equals(scope)) {
        afterCreated = Long.parseLong(position[1]);
        afterId = position[2];
      }
      // Another scope: the pagination is reset, the first page is served.
    }
    ArrayNode page = JsonNodeFactory.instance.arrayNode();
    SandboxHistory.Entry last = null;
    boolean more = false;
    for (SandboxHistory.Entry entry : history.snapshot(apiKey, resource)) {
      if (entry.createdMillis() <= from.toEpochMilli()
          || entry.createdMillis() >= to.toEpochMilli()) {
        continue;
      }
      if (entry.visibleAtMillis() > nowMillis) {
        continue;
      }
      if (entry.createdMillis() < afterCreated
          || (entry.createdMillis() == afterCreated && entry.id().compareTo(afterId) <= 0)) {
        continue;
      }
      if (page.size() == pageSize) {
        more = true;
        break;
      }
      synchronized (history) {
        page.add(entry.body().deepCopy());
      }
      last = entry;
    }
    String next = more ? encode(scope, last.createdMillis(), last.id()) : null;
    return new Answer(200, List.of(), page, next);
  }

  /** Every parameter but the page id: paging is valid only while these stay the same. */
  private static String scope(String resource, MultiMap params) {
    StringBuilder scope = new StringBuilder(resource);
    params.names().stream()
        .filter(name -> !name.equals("pageId"))
        .sorted()
        .forEach(name -> scope.append('&').append(name).append('=').append(params.getAll(name)));
    return Integer.toHexString(Objects.hash(scope.toString()));
  }

  private static String encode(String scope, long created, String id) {
    String raw = scope + ":" + created + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String pageId) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(pageId), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      if (parts.length != 3) {
        return null;
      }
      Long.parseLong(parts[1]);
      return parts;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant date(String text, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }

  private static Answer error(String message) {
    return new Answer(400, List.of(message), null, null);
  }
}
