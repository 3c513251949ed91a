package io.convgate.event;

import java.util.Arrays;
import java.util.Optional;

/** The event types of contract v1. The wire name is the CloudEvents {@code type} attribute. */
public enum EventType {
  LEAD_UPSERTED("lead.upserted"),
  SALE_COMPLETED("sale.completed"),
  SALE_REFUNDED("sale.refunded");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
