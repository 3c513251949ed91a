package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.LeadData;
import io.convgate.hyperaktiv.HyperaktivMapper;
import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.HyperaktivTenants;
import io.convgate.testkit.HyperaktivTenants.HyperaktivTenant;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.hyperaktiv.ReceivedLead;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * One route, two kinds of destination: a lead that names no integration reaches the Hyros account
 * and the Hyperaktiv origin once each, each in its own mapping; the same record again reaches
 * neither; a sale reaches Hyros only (Hyperaktiv takes leads only: a counted skip); a lead without
 * an email reaches Hyros, and Hyperaktiv's copy is a dead letter of its own.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RoutedToBothDestinationsTest {

  /** convgate.routes.poll-interval (2 s) plus a reload and a unit, with room to spare. */
  private static final Duration ROUTING_DELAY = Duration.ofSeconds(20);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aRoutedLeadReachesBothKindsOnceASaleOnlyHyrosAPhoneOnlyLeadDeadLettersHyperaktivsCopy()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/both-" + run;
    Tenant hyros = HyperaktivTenants.hyros(stack, admin, "both-hyros", null, null);
    HyperaktivTenant hyperaktiv = HyperaktivTenants.hyperaktiv(stack, admin, "both-hk", null, null);
    HyperaktivTenants.route(
        admin,
        "both-" + run,
        source,
        List.of("lead.upserted", "sale.completed"),
        List.of(hyros.integration(), hyperaktiv.integration()));

    String email = "both-" + run + "@example.com";
    ObjectNode data = Events.lead(email);
    data.put("lastName", "Hopper");
    data.putArray("phoneNumbers").add("+15550100").add("+15550101");
    data.put("stage", "qualified");
    String eventId = "evt-both-" + run;
    ProducerRecord<byte[], byte[]> lead =
        HyperaktivTenants.unnamed(eventId, "lead.upserted", source, email, data);
    double skippedBefore =
        MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"));
    Tenants.produce(stack, List.of(lead));

    await()
        .atMost(ROUTING_DELAY)
        .until(() -> hyros.received(stack).size() == 1 && hyperaktiv.received(stack).size() == 1);
    AcceptedRequest atHyros = hyros.received(stack).get(0);
    assertThat(atHyros.method()).isEqualTo("POST");
    assertThat(atHyros.path()).isEqualTo("/leads");
    assertThat(atHyros.body().path("email").asText()).isEqualTo(email);
    assertThat(atHyros.body().path("firstName").asText()).isEqualTo("Grace");
    assertThat(atHyros.body().path("lastName").asText()).isEqualTo("Hopper");
    assertThat(atHyros.body().path("phoneNumbers").toString())
        .isEqualTo("[\"+15550100\",\"+15550101\"]");
    assertThat(atHyros.body().path("tags").toString()).isEqualTo("[\"webinar\"]");

    ReceivedLead atHyperaktiv = hyperaktiv.received(stack).get(0);
    JsonNode expected =
        JSON.valueToTree(
            HyperaktivMapper.lead(eventId, source, JSON.treeToValue(data, LeadData.class)).body());
    assertThat(atHyperaktiv.body()).isEqualTo(expected);
    assertThat(atHyperaktiv.body().path("Email").asText()).isEqualTo(email);
    assertThat(atHyperaktiv.body().path("PhoneNumber").asText()).isEqualTo("+15550100");
    assertThat(atHyperaktiv.body().has("JourneyData")).isTrue();

    // The very same record again: both ledgers have it, neither destination hears of it again.
    Tenants.produce(stack, List.of(lead));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                MetricsScrape.sum("convgate_deliveries_total", Map.of("outcome", "skipped"))
                        - skippedBefore
                    >= 2);
    assertThat(hyros.received(stack)).hasSize(1);
    assertThat(hyperaktiv.received(stack)).hasSize(1);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM delivery_ledger WHERE idempotency_key = ?"
                        + " AND state = 'DELIVERED' AND integration_id IN (?, ?)",
                    "lead:" + eventId,
                    hyros.integration(),
                    hyperaktiv.integration()))
        .as("one delivered ledger row per destination")
        .isEqualTo(2);

    // A sale the route matches: Hyros only; Hyperaktiv's target is a counted skip.
    double typeSkipsBefore = routedSkips("type-not-taken");
    String saleId = "SALE-" + run;
    Tenants.produce(
        stack,
        List.of(
            HyperaktivTenants.unnamed(
                "evt-sale-" + run,
                "sale.completed",
                source,
                saleId,
                Events.sale(saleId, "buyer-" + run + "@example.com", "USD", "19.99", 1))));
    await()
        .atMost(ROUTING_DELAY)
        .until(() -> hyros.received(stack).stream().anyMatch(r -> saleId.equals(r.orderId())));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> routedSkips("type-not-taken") - typeSkipsBefore >= 1);
    assertThat(hyperaktiv.received(stack)).hasSize(1);

    // A lead with phone numbers only: Hyros takes it; Hyperaktiv needs an email, so its copy
    // alone is dead-lettered, naming the field and the Hyperaktiv integration.
    String phone = "+1555" + Math.abs(run.hashCode() % 100000);
    ObjectNode phoneOnly = JSON.createObjectNode();
    phoneOnly.putArray("phoneNumbers").add(phone);
    phoneOnly.put("firstName", "Ada");
    String phoneKey = "phone-" + run;
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      Tenants.produce(
          stack,
          List.of(
              HyperaktivTenants.unnamed(
                  "evt-phone-" + run, "lead.upserted", source, phoneKey, phoneOnly)));
      await()
          .atMost(ROUTING_DELAY)
          .until(
              () ->
                  hyros.received(stack).stream()
                      .anyMatch(r -> r.body().path("phoneNumbers").toString().contains(phone)));
      ConsumerRecord<byte[], byte[]> letter = reader.only(phoneKey, Duration.ofSeconds(30));
      assertThat(header(letter, "convgate-reason-code")).isEqualTo("invalid-data");
      assertThat(header(letter, "convgate-field-errors")).contains("/data/email");
      assertThat(header(letter, "convgate-integration")).isEqualTo(hyperaktiv.integration());
    }
    assertThat(hyperaktiv.received(stack)).hasSize(1);
    assertThat(stack.hyperaktiv().answers())
        .as("nothing else reached Hyperaktiv for this workspace")
        .filteredOn(a -> hyperaktiv.ref().equals(a.ref()))
        .hasSize(1);
  }

  private static double routedSkips(String reason) {
    return MetricsScrape.sum(
        "convgate_routed_total", Map.of("outcome", "skipped", "reason", reason));
  }
}
