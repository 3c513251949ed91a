package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.support.LogSafe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Money is a decimal string in major units of an ISO 4217 currency; it may not carry more decimals
 * than the currency has minor units ("19.99" USD is fine, "1500.5" JPY is not).
 */
public final class CurrencyRule implements DataRule {

  private static final List<String> ORDER_AMOUNTS =
      List.of("shippingCost", "taxes", "discount", "price");
  private static final List<String> ITEM_AMOUNTS =
      List.of("unitPrice", "costOfGoods", "taxes", "discount");

  @Override
  public boolean appliesTo(EventType type) {
    return switch (type) {
      case SALE_COMPLETED,
          SALE_REFUNDED,
          SUBSCRIPTION_STARTED,
          SUBSCRIPTION_CHANGED,
          CART_CREATED,
          CART_UPDATED ->
          true;
      default -> false;
    };
  }

  @Override
  public List<FieldError> check(JsonNode data) {
    if (!data.path("currency").isTextual()) {
      return List.of();
    }
    String code = data.get("currency").asText();
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      return List.of(
          new FieldError("/data/currency", "'" + LogSafe.of(code) + "' is not an ISO 4217 code"));
    }
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    List<FieldError> errors = new ArrayList<>();
    checkAmounts(data, "/data", ORDER_AMOUNTS, currency, digits, errors);
    checkAmounts(data, "/data", List.of("refundedAmount"), currency, digits, errors);
    JsonNode items = data.path("items");
    for (int i = 0; items.isArray() && i < items.size(); i++) {
      checkAmounts(items.get(i), "/data/items/" + i, ITEM_AMOUNTS, currency, digits, errors);
    }
    return errors;
  }

  /** The number of decimals, or -1 when it is not a decimal (the schema reports that). */
  private static int scale(String text) {
    try {
      return new BigDecimal(text).scale();
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void checkAmounts(
      JsonNode node,
      String path,
      List<String> fields,
      Currency currency,
      int digits,
      List<FieldError> errors) {
    for (String field : fields) {
      if (node.path(field).isTextual() && scale(node.get(field).asText()) > digits) {
        errors.add(
            new FieldError(
                path + "/" + field,
                "'"
                    + LogSafe.of(node.get(field).asText())
                    + "' has more decimals than "
                    + currency.getCurrencyCode()
                    + " allows ("
                    + digits
                    + ")"));
      }
    }
  }
}
