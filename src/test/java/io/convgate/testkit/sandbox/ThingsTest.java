package io.convgate.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The sandbox's account state of calls, subscriptions and carts, and the Blueprint's messages. */
class ThingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "k1";

  private final Things things = new Things();

  @Test
  void aCallIsCreatedThenUpdatedByItsExternalId() throws Exception {
    assertThat(
            things.upsertCall(
                KEY, json("{\"name\":\"Intro\",\"email\":\"a@b.co\",\"externalId\":\"c1\"}")))
        .isEmpty();
    assertThat(
            things.upsertCall(
                KEY,
                json(
                    "{\"name\":\"Intro\",\"email\":\"a@b.co\",\"externalId\":\"c1\","
                        + "\"state\":\"NO_SHOW\"}")))
        .isEmpty();
    Things.Thing call = things.get(KEY, Things.Kind.CALL, "c1").orElseThrow();
    assertThat(call.writes()).containsExactly("create", "update");
    assertThat(call.state().get("state").asText()).isEqualTo("NO_SHOW");
    assertThat(things.get("other-key", Things.Kind.CALL, "c1")).isEmpty();
  }

  @Test
  void callRulesUseTheBlueprintsMessages() throws Exception {
    assertThat(things.upsertCall(KEY, json("{\"externalId\":\"c2\",\"state\":\"MAYBE\"}")))
        .containsExactly(
            "Missing required field: name",
            "Make sure that at least an email or a phone number is added",
            "state is not valid");
    assertThat(
            things.upsertCall(
                KEY, json("{\"name\":\"Intro\",\"phoneNumbers\":[\"1\"],\"date\":\"20 Nov\"}")))
        .containsExactly(ChangeRules.DATE_FORMAT);
    assertThat(things.get(KEY, Things.Kind.CALL, "c2")).isEmpty();
  }

  @Test
  void aSubscriptionUpdateNeedsAKnownIdAndAPrice() throws Exception {
    String start =
        "{\"email\":\"a@b.co\",\"subscriptionId\":\"s1\",\"status\":\"ACTIVE\","
            + "\"startDate\":\"2026-11-20T10:00:00+01:00\",\"price\":9.5,\"periodicity\":\"MONTH\"}";
    assertThat(things.updateSubscription(KEY, json("{\"ids\":[\"s1\"],\"price\":9.5}")))
        .containsExactly(ChangeRules.UNSPECIFIED);
    assertThat(things.createSubscription(KEY, json(start))).isEmpty();
    assertThat(things.updateSubscription(KEY, json("{\"ids\":[\"s1\"],\"status\":\"PAUSED\"}")))
        .containsExactly(ChangeRules.PRICE_FORMAT);
    assertThat(
            things.updateSubscription(
                KEY, json("{\"ids\":[\"s1\"],\"status\":\"CANCELED\",\"price\":9.5}")))
        .isEmpty();
    Things.Thing sub = things.get(KEY, Things.Kind.SUBSCRIPTION, "s1").orElseThrow();
    assertThat(sub.state().get("status").asText()).isEqualTo("CANCELED");
    assertThat(sub.state().get("periodicity").asText())
        .as("kept from the create")
        .isEqualTo("MONTH");
    assertThat(sub.writes()).containsExactly("create", "update");
  }

  @Test
  void subscriptionRulesUseTheBlueprintsMessages() throws Exception {
    assertThat(
            things.createSubscription(
                KEY,
                json(
                    "{\"email\":\"a@b.co\",\"status\":\"LAPSED\",\"startDate\":\"x\","
                        + "\"price\":\"9\",\"periodicity\":\"HOURLY\"}")))
        .containsExactly(
            ChangeRules.DATE_FORMAT,
            ChangeRules.PRICE_FORMAT,
            "status is not valid",
            "periodicity is not valid");
  }

  @Test
  void aCartUpdateNeedsItsIdAndItems() throws Exception {
    assertThat(things.cart(KEY, json("{\"items\":[{\"name\":\"Mu\",\"price\":2}]}"), true))
        .containsExactly(
            "You must provide a Cart ID", "Name must be at least 3 characters long for Item 1");
    assertThat(
            things.cart(
                KEY, json("{\"cartId\":\"k1\",\"items\":[{\"name\":\"Mugs\",\"price\":2}]}"), true))
        .containsExactly(ChangeRules.UNSPECIFIED);
    assertThat(
            things.cart(
                KEY,
                json("{\"cartId\":\"k1\",\"items\":[{\"name\":\"Mugs\",\"price\":2}]}"),
                false))
        .isEmpty();
    assertThat(things.cart(KEY, json("{\"cartId\":\"k1\",\"currency\":\"XXY\"}"), true))
        .containsExactly("Invalid currency", "Missing required field: Items");
    assertThat(things.get(KEY, Things.Kind.CART, "k1").orElseThrow().writes())
        .containsExactly("create");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
