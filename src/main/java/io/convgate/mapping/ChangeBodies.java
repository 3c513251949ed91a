package io.convgate.mapping;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bodies of the Hyros calls for things that change (calls, subscriptions, carts), with Hyros'
 * own field names (API Blueprint sections "Calls", "Subscriptions", "Cart"); null fields are
 * omitted.
 */
public final class ChangeBodies {

  private ChangeBodies() {}

  /** The body of {@code POST /calls}; {@code externalId} is the upsert key. */
  public record CallBody(
      String name,
      String email,
      String firstName,
      String lastName,
      List<String> leadIps,
      String stage,
      List<String> phoneNumbers,
      String externalId,
      String date,
      String state,
      String qualification) {}

  /** The body of {@code POST /subscriptions}. */
  public record SubscriptionBody(
      String email,
      String firstName,
      String lastName,
      List<String> leadIps,
      String stage,
      List<String> phoneNumbers,
      String subscriptionId,
      String name,
      String status,
      String startDate,
      String endDate,
      String cancelAtDate,
      String trialStartDate,
      String trialEndDate,
      String planId,
      BigDecimal price,
      String priceFormat,
      String periodicity) {}

  /** The body of {@code PUT /subscriptions}: {@code ids} holds the one subscription id. */
  public record SubscriptionUpdateBody(
      List<String> ids,
      String name,
      String status,
      String startDate,
      String endDate,
      String cancelAtDate,
      String trialStartDate,
      String trialEndDate,
      BigDecimal price) {}

  /** The body of {@code POST /carts} and {@code PUT /carts}. */
  public record CartBody(
      String cartId,
      String email,
      String firstName,
      String lastName,
      List<String> leadIps,
      List<String> phoneNumbers,
      String date,
      String priceFormat,
      String currency,
      List<CartItem> items) {}

  /** A {@code CartItem}: {@code price} is per unit. */
  public record CartItem(
      String name, BigDecimal price, String externalId, Integer quantity, String sku) {}
}
