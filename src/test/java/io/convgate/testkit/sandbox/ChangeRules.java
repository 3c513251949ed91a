package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body rules of the Blueprint's "Calls", "Subscriptions" and "Cart" sections, with its error
 * messages. Where the Blueprint names a required field without an error message (a call's {@code
 * name}, a subscription's {@code startDate}, {@code ids} of an update), the message is an
 * assumption in the Blueprint's style ("Missing required field: ...").
 */
final class ChangeRules {

  static final String DATE_FORMAT = "Invalid date format. Please, read the API documentation";
  static final String PRICE_FORMAT = "Invalid price format. Please, read the API documentation";
  static final String UNSPECIFIED = "There was a problem while processing the request";
  static final Set<String> CALL_STATES = Set.of("QUALIFIED", "UNQUALIFIED", "CANCELLED", "NO_SHOW");
  static final Set<String> SUBSCRIPTION_STATUSES =
      Set.of(
          "ACTIVE",
          "TRIALING",
          "CANCELED",
          "PAST_DUE",
          "INCOMPLETE",
          "INCOMPLETE_EXPIRED",
          "UNPAID",
          "COMPLETED",
          "PAUSED");
  static final Set<String> PERIODICITIES = Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR");
  private static final List<String> SUBSCRIPTION_DATES =
      List.of("startDate", "endDate", "cancelAtDate", "trialStartDate", "trialEndDate");
  private static final int MAX_IDS = 50;

  private ChangeRules() {}

  /** {@code POST /calls}. */
  static List<String> call(JsonNode body) {
    List<String> errors = new ArrayList<>();
    if (!body.hasNonNull("name") || body.get("name").asText().isBlank()) {
      errors.add("Missing required field: name");
    }
    RequestRules.contact(body, errors);
    date(body, "date", errors);
    if (body.has("state") && !CALL_STATES.contains(body.get("state").asText())) {
      errors.add("state is not valid");
    }
    return errors;
  }

  /** {@code POST /subscriptions}. */
  static List<String> createSubscription(JsonNode body) {
    List<String> errors = new ArrayList<>();
    RequestRules.contact(body, errors);
    if (!body.hasNonNull("startDate")) {
      errors.add("Missing required field: startDate");
    }
    subscriptionFields(body, errors);
    if (!body.hasNonNull("status")) {
      errors.add("status is not valid");
    }
    if (!body.hasNonNull("periodicity")
        || !PERIODICITIES.contains(body.get("periodicity").asText())) {
      errors.add("periodicity is not valid");
    }
    return errors;
  }

  /** {@code PUT /subscriptions}. */
  static List<String> updateSubscription(JsonNode body) {
    List<String> errors = new ArrayList<>();
    JsonNode ids = body.get("ids");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      errors.add("Missing required field: ids");
    } else if (ids.size() > MAX_IDS) {
      errors.add("The maximum number of ids to be provided for update is 50");
    }
    subscriptionFields(body, errors);
    return errors;
  }

  private static void subscriptionFields(JsonNode body, List<String> errors) {
    for (String field : SUBSCRIPTION_DATES) {
      date(body, field, errors);
    }
    if (!body.hasNonNull("price") || !body.get("price").isNumber()) {
      errors.add(PRICE_FORMAT);
    }
    if (body.has("status") && !SUBSCRIPTION_STATUSES.contains(body.get("status").asText())) {
      errors.add("status is not valid");
    }
  }

  /** {@code POST /carts} ({@code update} false) and {@code PUT /carts}. */
  static List<String> cart(JsonNode body, boolean update) {
    List<String> errors = new ArrayList<>();
    if (update && (!body.hasNonNull("cartId") || body.get("cartId").asText().isBlank())) {
      errors.add("You must provide a Cart ID");
    }
    date(body, "date", errors);
    if (body.has("currency") && !RequestRules.isCurrency(body.get("currency").asText())) {
      errors.add("Invalid currency");
    }
    RequestRules.items(body, errors);
    return errors;
  }

  private static void date(JsonNode body, String field, List<String> errors) {
    if (body.has(field) && !RequestRules.isDate(body.get(field).asText())) {
      errors.add(DATE_FORMAT);
    }
  }
}
