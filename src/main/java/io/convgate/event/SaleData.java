package io.convgate.event;

import java.math.BigDecimal;
import java.util.List;

/** The data of a {@code sale.completed} event. Amounts are in major units of {@code currency}. */
public record SaleData(
    String saleId,
    String email,
    List<String> phoneNumbers,
    String firstName,
    String lastName,
    List<String> ipAddresses,
    String stage,
    String currency,
    List<SaleItem> items,
    BigDecimal shippingCost,
    BigDecimal taxes,
    BigDecimal discount,
    String subscriptionId,
    String cartId) {

  /** One line of a sale. {@code unitPrice} includes the cost of goods; taxes are per unit. */
  public record SaleItem(
      String name,
      BigDecimal unitPrice,
      Integer quantity,
      String sku,
      BigDecimal costOfGoods,
      BigDecimal taxes,
      BigDecimal discount,
      String tag,
      String category) {}
}
