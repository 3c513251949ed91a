package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.localstack.SendEvent;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Things;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each new type end to end, from the documented example through the local stack's send-event
 * helper, the real broker, PostgreSQL and the sandbox: the exact call Hyros received, and the state
 * the account holds after a create and an update of each thing.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ChangeTypesTest {

  /** Each example of docs/examples, in the order a producer would send them, and its call. */
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put(
        "call-booked",
        """
        {"method": "POST", "path": "/calls", "body": {
          "name": "Discovery call", "email": "jane.doe@example.com", "firstName": "Jane",
          "lastName": "Doe", "stage": "Booked", "externalId": "cal_8842",
          "date": "2026-11-20T09:12:00+01:00"}}
        """);
    EXPECTED.put(
        "call-updated",
        """
        {"method": "POST", "path": "/calls", "body": {
          "name": "Discovery call", "email": "jane.doe@example.com", "externalId": "cal_8842",
          "date": "2026-11-20T09:12:00+01:00", "state": "QUALIFIED",
          "qualification": "Budget confirmed"}}
        """);
    EXPECTED.put(
        "subscription-started",
        """
        {"method": "POST", "path": "/subscriptions", "body": {
          "email": "jane.doe@example.com", "firstName": "Jane", "lastName": "Doe",
          "subscriptionId": "sub_1QzY7", "name": "Pro monthly", "status": "ACTIVE",
          "startDate": "2026-11-20T14:03:27+01:00", "planId": "price_pro_m", "price": 29.90,
          "priceFormat": "DECIMAL", "periodicity": "MONTH"}}
        """);
    EXPECTED.put(
        "subscription-changed",
        """
        {"method": "PUT", "path": "/subscriptions", "body": {
          "ids": ["sub_1QzY7"], "status": "PAST_DUE", "startDate": "2026-11-20T14:03:27+01:00",
          "price": 29.90}}
        """);
    EXPECTED.put(
        "cart-created",
        """
        {"method": "POST", "path": "/carts", "body": {
          "cartId": "cart_77a1", "email": "jane.doe@example.com",
          "date": "2026-11-19T21:47:05+01:00", "priceFormat": "DECIMAL", "currency": "EUR",
          "items": [{"name": "Pro plan (annual)", "price": 199.00, "externalId": "prod_pro",
                     "quantity": 1, "sku": "pro-annual"}]}}
        """);
    EXPECTED.put(
        "cart-updated",
        """
        {"method": "PUT", "path": "/carts", "body": {
          "cartId": "cart_77a1", "email": "jane.doe@example.com",
          "date": "2026-11-19T21:52:40+01:00", "priceFormat": "DECIMAL", "currency": "EUR",
          "items": [{"name": "Pro plan (annual)", "price": 199.00, "externalId": "prod_pro",
                     "quantity": 1, "sku": "pro-annual"},
                    {"name": "Onboarding call", "price": 49.50, "quantity": 2,
                     "sku": "onboarding"}]}}
        """);
  }

  @Test
  void everyNewExampleReachesHyrosAsItsCallAndTheAccountHoldsTheLatestState() throws Exception {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "changes", 100, 6000);
    for (String example : EXPECTED.keySet()) {
      ObjectNode envelope =
          (ObjectNode)
              Events.JSON.readTree(
                  Files.readAllBytes(Path.of("docs/examples/" + example + ".json")));
      envelope.put("integration", tenant.integration());
      SendEvent.send(Events.JSON.writeValueAsBytes(envelope), stack.bootstrapServers());
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> tenant.received(stack).size() >= EXPECTED.size());
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
    List<AcceptedRequest> received = tenant.received(stack);
    assertThat(received).hasSize(EXPECTED.size());
    for (Map.Entry<String, String> example : EXPECTED.entrySet()) {
      JsonNode expected = Events.JSON.readTree(example.getValue());
      List<JsonNode> calls =
          received.stream()
              .filter(
                  r ->
                      r.method().equals(expected.get("method").asText())
                          && r.path().equals(expected.get("path").asText()))
              .map(AcceptedRequest::body)
              .toList();
      assertThat(calls).as(example.getKey()).contains(expected.get("body"));
    }

    Things things = stack.sandbox().things();
    Things.Thing call = things.get(tenant.apiKey(), Things.Kind.CALL, "cal_8842").orElseThrow();
    assertThat(call.writes()).containsExactly("create", "update");
    assertThat(call.state().get("state").asText()).isEqualTo("QUALIFIED");
    Things.Thing sub =
        things.get(tenant.apiKey(), Things.Kind.SUBSCRIPTION, "sub_1QzY7").orElseThrow();
    assertThat(sub.writes()).containsExactly("create", "update");
    assertThat(sub.state().get("status").asText()).isEqualTo("PAST_DUE");
    Things.Thing cart = things.get(tenant.apiKey(), Things.Kind.CART, "cart_77a1").orElseThrow();
    assertThat(cart.writes()).containsExactly("create", "update");
    assertThat(cart.state().get("items")).hasSize(2);
  }
}
