package io.convgate.hyros;

/** The Hyros calls convgate makes. */
public enum HyrosOperation {
  CREATE_LEAD,
  CREATE_ORDER,
  REFUND_ORDER
}
