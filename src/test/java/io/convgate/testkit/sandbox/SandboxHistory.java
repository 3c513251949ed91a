package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the sandbox's list endpoints serve, per API key and resource (leads, sales, calls,
 * subscriptions): what convgate wrote (visible only after the read lag, as Hyros' queued writes
 * are) plus seeded history. Records are kept sorted by creation date then id; seeding 10,000 is one
 * sort. Thread-safe (one lock: the sandbox is a test tool).
 */
public final class SandboxHistory {

  /** One record: when it was created, when a read may see it, and its body as Hyros lists it. */
  record Entry(long createdMillis, long visibleAtMillis, String id, ObjectNode body) {}

  static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::createdMillis).thenComparing(Entry::id);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, List<Entry>> byKeyAndResource = new HashMap<>();
  private final Map<String, Entry> byId = new HashMap<>();
  private volatile Duration readLag = Duration.ZERO;
  private volatile Duration lookBack = Duration.ofDays(90);

  /** How long after a write a read sees it (Hyros: minutes). Seeded history is visible at once. */
  public void setReadLag(Duration lag) {
    this.readLag = lag;
  }

  public Duration readLag() {
    return readLag;
  }

  /** How far back a list request may reach (Hyros: about 90 days); older fromDate is refused. */
  public void setLookBack(Duration lookBack) {
    this.lookBack = lookBack;
  }

  public Duration lookBack() {
    return lookBack;
  }

  /**
   * Seeds {@code count} sales for a key, created evenly over {@code span} up to {@code end} (whole
   * seconds, oldest first), visible at once. Returns their ids, oldest first.
   */
  public List<String> seedSales(String apiKey, int count, Duration span, Instant end) {
    List<Entry> added = new ArrayList<>(count);
    long endMillis = end.truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    long step = span.toMillis() / count;
    for (int i = 0; i < count; i++) {
      long created = (endMillis - span.toMillis() + step * i) / 1000 * 1000;
      String id = "sle-" + UUID.randomUUID().toString().replace("-", "");
      added.add(
          new Entry(
              created,
              created,
              id,
              sale(id, created, "SEED-" + i, "buyer" + i + "@example.com", "49.00")));
    }
    addAll(apiKey, "sales", added);
    return added.stream().map(Entry::id).toList();
  }

  /** Marks sales refunded (a later change to an old record: its creation date stays). */
  public void refundSales(String apiKey, List<String> ids, String amount) {
    change(
        ids, body -> ((ObjectNode) body.get("price")).put("refunded", Double.parseDouble(amount)));
  }

  /** The sales of a key created in {@code (from, to)}, as a read would list them now. */
  public List<JsonNode> sales(String apiKey, Instant from, Instant to) {
    List<JsonNode> out = new ArrayList<>();
    synchronized (this) {
      for (Entry entry : list(apiKey, "sales")) {
        if (entry.createdMillis() > from.toEpochMilli()
            && entry.createdMillis() < to.toEpochMilli()) {
          out.add(entry.body().deepCopy());
        }
      }
    }
    return out;
  }

  /** When a record was created. */
  public synchronized Instant createdAt(String apiKey, String id) {
    Entry entry = byId.get(id);
    if (entry == null) {
      throw new IllegalArgumentException("no record " + id);
    }
    return Instant.ofEpochMilli(entry.createdMillis());
  }

  /** Records a lead convgate wrote. */
  void wroteLead(String apiKey, JsonNode request, long nowMillis) {
    String id = "lead-" + UUID.randomUUID().toString().replace("-", "");
    ObjectNode body =
        JSON.objectNode().put("id", id).put("email", request.path("email").asText(null));
    body.put("creationDate", iso(nowMillis));
    if (request.has("tags")) {
      body.set("tags", request.get("tags").deepCopy());
    }
    addAll(
        apiKey, "leads", List.of(new Entry(nowMillis, nowMillis + readLag.toMillis(), id, body)));
  }

  /** Records the sales of an order convgate wrote: one per item. */
  void wroteOrder(String apiKey, JsonNode request, String orderId, long nowMillis) {
    List<Entry> added = new ArrayList<>();
    JsonNode items = request.path("items");
    for (int i = 0; i < Math.max(1, items.size()); i++) {
      String id = "sle-" + UUID.randomUUID().toString().replace("-", "");
      String price = items.path(i).path("price").asText("0");
      added.add(
          new Entry(
              nowMillis,
              nowMillis + readLag.toMillis(),
              id,
              sale(id, nowMillis, orderId, request.path("email").asText(null), price)));
    }
    addAll(apiKey, "sales", added);
  }

  /** A snapshot of a key's records of a resource, in creation order. */
  synchronized List<Entry> snapshot(String apiKey, String resource) {
    return List.copyOf(list(apiKey, resource));
  }

  private synchronized void addAll(String apiKey, String resource, List<Entry> entries) {
    List<Entry> list = list(apiKey, resource);
    if (entries.size() <= 4) {
      // Writes arrive in time order: appended, or put in place; never a sort per write.
      for (Entry entry : entries) {
        int at = java.util.Collections.binarySearch(list, entry, ORDER);
        list.add(at < 0 ? -at - 1 : at, entry);
      }
    } else {
      list.addAll(entries);
      list.sort(ORDER);
    }
    entries.forEach(e -> byId.put(e.id(), e));
  }

  private synchronized void change(List<String> ids, Consumer<ObjectNode> edit) {
    for (String id : ids) {
      Entry entry = byId.get(id);
      if (entry == null) {
        throw new IllegalArgumentException("no record " + id);
      }
      edit.accept(entry.body());
    }
  }

  private List<Entry> list(String apiKey, String resource) {
    return byKeyAndResource.computeIfAbsent(apiKey + "\n" + resource, k -> new ArrayList<>());
  }

  private static ObjectNode sale(
      String id, long created, String orderId, String email, String price) {
    ObjectNode sale = JSON.objectNode().put("id", id).put("orderId", orderId);
    sale.put("creationDate", iso(created));
    sale.put("recurring", false).put("quantity", 1);
    sale.putObject("lead").put("email", email);
    sale.putObject("price")
        .put("price", Double.parseDouble(price))
        .put("discount", 0)
        .put("refunded", 0.0)
        .put("currency", "USD");
    return sale;
  }

  /**
   * ISO-8601 with an offset. (The Blueprint's sales example shows {@code "Thu Nov 17 10:51:54 ART
   * 2022"}; convgate does not read the date, so the sandbox keeps one readable form.)
   */
  static String iso(long millis) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }
}
