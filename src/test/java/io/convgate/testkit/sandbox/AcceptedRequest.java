package io.convgate.testkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A request the sandbox accepted (answered 200), as a test or benchmark inspects it.
 *
 * @param method HTTP method
 * @param path the path after {@code /api/v1.0}, e.g. {@code /orders} or {@code /orders/abc}
 * @param query query parameters
 * @param apiKey the {@code API-Key} it carried
 * @param body the JSON body, or null: the same tree for every caller, to read, not to change
 * @param receivedAt when it arrived
 * @param requestId the request id the sandbox answered with
 */
public record AcceptedRequest(
    String method,
    String path,
    Map<String, String> query,
    String apiKey,
    JsonNode body,
    Instant receivedAt,
    String requestId) {

  /**
   * The Hyros order id this request concerns (the body's for an order, the path's for a refund).
   */
  public String orderId() {
    if (path.startsWith("/orders/")) {
      return path.substring("/orders/".length());
    }
    return body != null && body.hasNonNull("orderId") ? body.get("orderId").asText() : null;
  }

  /** The order id for order calls, the email for leads: what identifies the call in a test. */
  public String orderIdOrEmail() {
    String orderId = orderId();
    if (orderId != null) {
      return orderId;
    }
    return body != null && body.hasNonNull("email") ? body.get("email").asText() : null;
  }

  /** How many times each order id was received. */
  public static java.util.Map<String, Long> countByOrder(java.util.List<AcceptedRequest> requests) {
    return requests.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                AcceptedRequest::orderId, java.util.stream.Collectors.counting()));
  }
}
