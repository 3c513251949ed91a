package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The body rules of the Hyros API Blueprint, with its error messages. */
final class RequestRules {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9_.:-]+$");
  private static final Set<String> CONSENT = Set.of("GRANTED", "DENIED", "UNSPECIFIED");
  private static final Set<String> PRICE_FORMATS = Set.of("DECIMAL", "INTEGER");
  private static final int MIN_ITEM_NAME = 3;

  private RequestRules() {}

  static List<String> lead(JsonNode body) {
    List<String> errors = new ArrayList<>();
    contact(body, errors);
    if (body.has("adOptimizationConsent")
        && !CONSENT.contains(body.get("adOptimizationConsent").asText())) {
      errors.add("Invalid adOptimizationConsent");
    }
    stringArray(body, "tags", errors);
    stringArray(body, "leadIps", errors);
    return errors;
  }

  static List<String> order(JsonNode body) {
    List<String> errors = new ArrayList<>();
    contact(body, errors);
    if (body.has("orderId") && !ORDER_ID.matcher(body.get("orderId").asText()).matches()) {
      errors.add(
          "Invalid orderId: only letters, numbers, underscores, hyphens, periods and colons are"
              + " accepted");
    }
    if (body.has("date") && !isDate(body.get("date").asText())) {
      errors.add("Invalid date format. Please, read the API documentation");
    }
    number(
        body,
        "shippingCost",
        "Invalid shipping cost format. Please, read the API documentation",
        errors);
    number(body, "taxes", "Invalid taxes format. Please, read the API documentation", errors);
    number(
        body,
        "orderDiscount",
        "Invalid order discount format. Please, read the API documentation",
        errors);
    if (body.has("currency") && !isCurrency(body.get("currency").asText())) {
      errors.add("Invalid currency");
    }
    if (body.has("priceFormat") && !PRICE_FORMATS.contains(body.get("priceFormat").asText())) {
      errors.add("Invalid priceFormat");
    }
    items(body, errors);
    return errors;
  }

  static List<String> refund(String refundedAmount) {
    if (refundedAmount == null) {
      return List.of();
    }
    try {
      if (new java.math.BigDecimal(refundedAmount).signum() < 0) {
        return List.of("Invalid refundedAmount");
      }
      return List.of();
    } catch (NumberFormatException e) {
      return List.of("Invalid refundedAmount");
    }
  }

  static void items(JsonNode body, List<String> errors) {
    JsonNode items = body.get("items");
    if (items == null || items.isNull()) {
      errors.add("Missing required field: Items");
      return;
    }
    if (!items.isArray() || items.isEmpty()) {
      errors.add("Items must be at least 1");
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      int n = i + 1;
      if (!item.hasNonNull("name")) {
        errors.add("Missing required field Name for Item " + n);
      } else if (item.get("name").asText().length() < MIN_ITEM_NAME) {
        errors.add("Name must be at least 3 characters long for Item " + n);
      }
      if (!item.hasNonNull("price")) {
        errors.add("Missing required field Price for Item " + n);
      } else if (!item.get("price").isNumber()) {
        errors.add("Price not valid for Item " + n);
      }
      number(item, "taxes", "Taxes not valid for Item " + n, errors);
      number(item, "costOfGoods", "CostOfGoods not valid for Item " + n, errors);
      number(item, "itemDiscount", "ItemDiscount not valid for Item " + n, errors);
      if (item.has("quantity")
          && !(item.get("quantity").canConvertToInt() && item.get("quantity").asInt() >= 1)) {
        errors.add("Quantity not valid for Item " + n);
      }
      if (item.has("tag") && !item.get("tag").isTextual()) {
        errors.add("Tag not valid for Item " + n);
      }
    }
  }

  static void contact(JsonNode body, List<String> errors) {
    boolean hasEmail = body.hasNonNull("email") && !body.get("email").asText().isBlank();
    boolean hasPhone = body.has("phoneNumbers") && body.get("phoneNumbers").size() > 0;
    if (!hasEmail && !hasPhone) {
      errors.add("Make sure that at least an email or a phone number is added");
    }
    if (hasEmail && !EMAIL.matcher(body.get("email").asText()).matches()) {
      errors.add("The Email is not valid");
    }
  }

  private static void number(JsonNode node, String field, String message, List<String> errors) {
    if (node.has(field) && !node.get(field).isNumber()) {
      errors.add(message);
    }
  }

  private static void stringArray(JsonNode node, String field, List<String> errors) {
    if (node.has(field) && !node.get(field).isArray()) {
      errors.add("Invalid " + field);
    }
  }

  static boolean isCurrency(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isDate(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(text);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }
}
