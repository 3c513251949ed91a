package io.convgate.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event types of contract v1. The wire name is the CloudEvents {@code type} attribute.
 *
 * <p>A type that reports a <em>change of a thing</em> (a call, a subscription, a cart) is {@link
 * #changing()}: its deliveries are ordered per thing, and a change older than one already delivered
 * for the same thing is stale (docs/event-contract.md, decision 0043).
 */
public enum EventType {
  LEAD_UPSERTED("lead.upserted", false),
  SALE_COMPLETED("sale.completed", false),
  SALE_REFUNDED("sale.refunded", false),
  CALL_BOOKED("call.booked", true),
  CALL_UPDATED("call.updated", true),
  SUBSCRIPTION_STARTED("subscription.started", true),
  SUBSCRIPTION_CHANGED("subscription.changed", true),
  CART_CREATED("cart.created", true),
  CART_UPDATED("cart.updated", true);

  private final String wireName;
  private final boolean changing;

  EventType(String wireName, boolean changing) {
    this.wireName = wireName;
    this.changing = changing;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the type reports a change of a thing that has a newest state at Hyros. */
  public boolean changing() {
    return changing;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** Whether the wire name is a type that reports a change of a thing. */
  public static boolean isChanging(String name) {
    return fromWireName(name).map(EventType::changing).orElse(false);
  }
}
