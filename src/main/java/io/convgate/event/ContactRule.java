package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Hyros needs an email or a phone number for every lead, order, call and new subscription (the
 * Blueprint's "Make sure that at least an email or a phone number is added").
 */
public final class ContactRule implements DataRule {

  @Override
  public boolean appliesTo(EventType type) {
    return switch (type) {
      case LEAD_UPSERTED, SALE_COMPLETED, CALL_BOOKED, CALL_UPDATED, SUBSCRIPTION_STARTED -> true;
      default -> false;
    };
  }

  @Override
  public List<FieldError> check(JsonNode data) {
    if (!data.isObject()) {
      return List.of();
    }
    boolean hasEmail = data.hasNonNull("email") && !data.get("email").asText().isBlank();
    boolean hasPhone = data.path("phoneNumbers").isArray() && !data.get("phoneNumbers").isEmpty();
    if (hasEmail || hasPhone) {
      return List.of();
    }
    return List.of(
        new FieldError(
            "/data/email", "an email or at least one entry in phoneNumbers is required"));
  }
}
