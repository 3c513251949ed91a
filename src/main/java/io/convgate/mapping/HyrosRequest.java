package io.convgate.mapping;

import java.math.BigDecimal;
import java.util.List;

/** A Hyros API call, as data. Bodies use Hyros' own field names; null fields are omitted. */
public sealed interface HyrosRequest {

  /** {@code POST /leads}. */
  record CreateLead(LeadBody body) implements HyrosRequest {}

  /** {@code POST /orders}. */
  record CreateOrder(OrderBody body) implements HyrosRequest {}

  /** {@code DELETE /orders/{orderId}?refundedAmount=...}; a null amount refunds in full. */
  record RefundOrder(String orderId, BigDecimal refundedAmount) implements HyrosRequest {}

  /** {@code POST /calls}: creates the call, or updates the one with the same {@code externalId}. */
  record UpsertCall(ChangeBodies.CallBody body) implements HyrosRequest {}

  /** {@code POST /subscriptions}. */
  record CreateSubscription(ChangeBodies.SubscriptionBody body) implements HyrosRequest {}

  /** {@code PUT /subscriptions}, the subscription named in {@code ids}. */
  record UpdateSubscription(ChangeBodies.SubscriptionUpdateBody body) implements HyrosRequest {}

  /** {@code POST /carts}. */
  record CreateCart(ChangeBodies.CartBody body) implements HyrosRequest {}

  /** {@code PUT /carts}, the cart named by {@code cartId}. */
  record UpdateCart(ChangeBodies.CartBody body) implements HyrosRequest {}

  /** The body of {@code POST /leads}. */
  record LeadBody(
      String email,
      String firstName,
      String lastName,
      List<String> tags,
      List<String> leadIps,
      List<String> phoneNumbers,
      String stage,
      String adOptimizationConsent) {}

  /** The body of {@code POST /orders}. */
  record OrderBody(
      String email,
      String firstName,
      String lastName,
      List<String> leadIps,
      List<String> phoneNumbers,
      String stage,
      String orderId,
      String externalSubscriptionId,
      String cartId,
      String date,
      BigDecimal shippingCost,
      BigDecimal taxes,
      BigDecimal orderDiscount,
      String priceFormat,
      String currency,
      List<OrderItem> items) {}

  /** One item of an order; {@code price} is per unit and includes the cost of goods. */
  record OrderItem(
      String name,
      BigDecimal price,
      String externalId,
      Integer quantity,
      BigDecimal costOfGoods,
      BigDecimal taxes,
      BigDecimal itemDiscount,
      String tag,
      String categoryName) {}
}
