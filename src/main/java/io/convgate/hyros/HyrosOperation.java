package io.convgate.hyros;

/** The Hyros calls convgate makes. */
public enum HyrosOperation {
  CREATE_LEAD,
  CREATE_ORDER,
  REFUND_ORDER,
  /** {@code POST /calls}: creates a call or updates the one with the same {@code externalId}. */
  UPSERT_CALL,
  /** {@code POST /subscriptions}. */
  CREATE_SUBSCRIPTION,
  /** {@code PUT /subscriptions}. */
  UPDATE_SUBSCRIPTION,
  /** {@code POST /carts}. */
  CREATE_CART,
  /** {@code PUT /carts}. */
  UPDATE_CART
}
