package io.convgate.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * The data of a {@code cart.created} or {@code cart.updated} event: the whole cart as it is now.
 * Prices are per unit, in major units of {@code currency}.
 */
public record CartData(
    String cartId,
    String email,
    List<String> phoneNumbers,
    String firstName,
    String lastName,
    List<String> ipAddresses,
    String currency,
    List<CartLine> items) {

  /** One line of a cart. */
  public record CartLine(
      String name, BigDecimal unitPrice, Integer quantity, String productId, String sku) {}
}
