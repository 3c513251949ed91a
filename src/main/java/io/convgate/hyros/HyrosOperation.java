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
  UPDATE_CART;

  /** The operation of this name, or null when there is none (a damaged or foreign command). */
  public static HyrosOperation find(String name) {
    if (name == null) {
      return null;
    }
    for (HyrosOperation operation : values()) {
      if (operation.name().equals(name)) {
        return operation;
      }
    }
    return null;
  }
}
