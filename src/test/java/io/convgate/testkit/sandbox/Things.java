package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Hyros account holds of the things that change: the current state of each call (by {@code
 * externalId}), subscription (by {@code subscriptionId}) and cart (by {@code cartId}), and the
 * writes that made it ({@code create}, {@code update}), so a test can assert the <em>final</em>
 * state Hyros ends up with. Per API key (one key, one account).
 *
 * <p>Assumptions beyond the Blueprint: {@code POST /subscriptions} with a known {@code
 * subscriptionId} replaces it; {@code PUT /subscriptions} or {@code PUT /carts} naming a thing the
 * account does not have is answered 400 "There was a problem while processing the request", so an
 * update delivered before its create is visible.
 */
public final class Things {

  /** The kinds of things. */
  public enum Kind {
    CALL,
    SUBSCRIPTION,
    CART
  }

  /**
   * One thing as Hyros holds it.
   *
   * @param state the fields as they stand after every write, merged in arrival order
   * @param writes {@code create} or {@code update}, one per accepted write, in order
   */
  public record Thing(JsonNode state, List<String> writes) {}

  private final Map<String, Map<String, ObjectNode>> states = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<String>>> writes = new ConcurrentHashMap<>();

  /** The thing's current state, if the account has it. */
  public synchronized Optional<Thing> get(String apiKey, Kind kind, String id) {
    ObjectNode state = states.getOrDefault(apiKey + kind, Map.of()).get(id);
    if (state == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Thing(
            state.deepCopy(), List.copyOf(writes.get(apiKey + kind).getOrDefault(id, List.of()))));
  }

  /** {@code POST /calls}: a known {@code externalId} updates that call. */
  synchronized List<String> upsertCall(String apiKey, JsonNode body) {
    List<String> errors = ChangeRules.call(body);
    if (errors.isEmpty()) {
      String id = body.path("externalId").asText(UUID.randomUUID().toString());
      merge(apiKey, Kind.CALL, id, body, has(apiKey, Kind.CALL, id));
    }
    return errors;
  }

  /** {@code POST /subscriptions}. */
  synchronized List<String> createSubscription(String apiKey, JsonNode body) {
    List<String> errors = ChangeRules.createSubscription(body);
    if (errors.isEmpty()) {
      String id = body.path("subscriptionId").asText(UUID.randomUUID().toString());
      merge(apiKey, Kind.SUBSCRIPTION, id, body, false);
    }
    return errors;
  }

  /** {@code PUT /subscriptions}: every id named must exist. */
  synchronized List<String> updateSubscription(String apiKey, JsonNode body) {
    List<String> errors = ChangeRules.updateSubscription(body);
    if (!errors.isEmpty()) {
      return errors;
    }
    for (JsonNode id : body.get("ids")) {
      if (!has(apiKey, Kind.SUBSCRIPTION, id.asText())) {
        return List.of(ChangeRules.UNSPECIFIED);
      }
    }
    ObjectNode fields = ((ObjectNode) body).deepCopy();
    fields.remove("ids");
    body.get("ids").forEach(id -> merge(apiKey, Kind.SUBSCRIPTION, id.asText(), fields, true));
    return errors;
  }

  /** {@code POST /carts} ({@code update} false) or {@code PUT /carts}. */
  synchronized List<String> cart(String apiKey, JsonNode body, boolean update) {
    List<String> errors = ChangeRules.cart(body, update);
    if (!errors.isEmpty()) {
      return errors;
    }
    String id = body.path("cartId").asText(UUID.randomUUID().toString());
    if (update && !has(apiKey, Kind.CART, id)) {
      return List.of(ChangeRules.UNSPECIFIED);
    }
    merge(apiKey, Kind.CART, id, body, update);
    return errors;
  }

  private boolean has(String apiKey, Kind kind, String id) {
    return states.getOrDefault(apiKey + kind, Map.of()).containsKey(id);
  }

  private void merge(String apiKey, Kind kind, String id, JsonNode fields, boolean update) {
    ObjectNode state =
        states
            .computeIfAbsent(apiKey + kind, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(id, k -> JsonNodeFactory.instance.objectNode());
    state.setAll((ObjectNode) fields.deepCopy());
    writes
        .computeIfAbsent(apiKey + kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(id, k -> new ArrayList<>())
        .add(update ? "update" : "create");
  }
}
