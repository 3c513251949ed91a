package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads in the admin API: dead letters newest first, page after page; an
 * integration's last Hyros error apart from the events refused before reaching Hyros; reasons that
 * say their code once; the README's metrics example.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class OperatorViewsTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void deadLettersAreListedNewestFirstAndThePagesFollowOnToTheOldest() {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "views-order-" + run;
    List<Long> indexed = new ArrayList<>(admin.invalidEventsIndexed(stack, integration, run, 5));

    List<Long> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Response page =
          admin.get(
              "/api/v1/dead-letters?limit=2&integration="
                  + integration
                  + (next == null ? "" : "&after=" + next));
      assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
      page.<List<Integer>>path("items.id").forEach(id -> paged.add(id.longValue()));
      next = page.path("next");
      pages++;
    } while (next != null && pages < 10);

    assertThat(paged)
        .as("every dead letter once, newest (highest id) first")
        .containsExactlyElementsOf(indexed.stream().sorted(Comparator.reverseOrder()).toList());
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void theLastErrorIsWhatHyrosRefusedAndAnEventRefusedAtIngestIsShownApart() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "views-error", null, null);
    String integration = "/api/v1/integrations/" + tenant.integration();
    String run = UUID.randomUUID().toString().substring(0, 8);

    // Refused at ingest: the producer's data, no call to Hyros.
    Tenants.produce(stack, List.of(lead(tenant, "evt-refused-" + run, "not-an-email")));
    awaitLetters(tenant.integration(), 1);
    Response refused = admin.get(integration);
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat((Object) refused.path("lastError"))
        .as("no delivery failed: " + refused.asString())
        .isNull();
    assertThat((String) refused.path("lastRejection.reasonCode")).isEqualTo("invalid-data");
    assertThat((String) refused.path("lastRejection.message")).contains("/data/email");

    // Refused by Hyros: valid for the contract, not for Hyros' email rule.
    Tenants.produce(stack, List.of(lead(tenant, "evt-hyros-" + run, "someone@localhost")));
    awaitLetters(tenant.integration(), 2);
    Response failed = admin.get(integration);
    assertThat((String) failed.path("lastError.reasonCode")).isEqualTo("hyros-rejected");
    assertThat((Integer) failed.path("lastError.httpStatus")).isEqualTo(400);
    assertThat((String) failed.path("lastError.message"))
        .as("what Hyros said")
        .contains("The Email is not valid");
    assertThat((String) failed.path("lastRejection.reasonCode")).isEqualTo("invalid-data");
  }

  @Test
  void aRefusedEventsReasonDoesNotRepeatItsCode() {
    TestStack stack = TestStack.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String integration = "views-reason-" + run;
    String badKey = "not-json-" + run;
    Tenants.produce(
        stack,
        List.of(
            lead(integration, "evt-invalid-" + run, "not-an-email"),
            new ProducerRecord<>(
                "billing.events",
                badKey.getBytes(StandardCharsets.UTF_8),
                "not json at all".getBytes(StandardCharsets.UTF_8))));

    awaitLetters(integration, 1);
    long invalid =
        admin
            .get("/api/v1/dead-letters?integration=" + integration)
            .<List<Integer>>path("items.id")
            .get(0);
    assertThat((String) admin.get("/api/v1/dead-letters/" + invalid).path("reason"))
        .startsWith("/data/email: ");
    long notJson =
        await().atMost(Duration.ofSeconds(30)).until(() -> notJsonLetter(badKey), id -> id != null);
    assertThat((String) admin.get("/api/v1/dead-letters/" + notJson).path("reason"))
        .startsWith("the record value is not valid JSON");
  }

  @Test
  void theReadmesMetricsExampleShowsTheSkippedDeliveryAndNothingElse() throws Exception {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "views-readme", null, null);
    String sale = "RM-" + UUID.randomUUID().toString().substring(0, 8);
    Tenants.produce(stack, List.of(Tenants.sale(tenant, sale)));
    tenant.awaitOrders(stack, Duration.ofSeconds(30), sale);
    Tenants.produce(stack, List.of(Tenants.sale(tenant, sale)));
    Map<String, String> skipped = Map.of("integration", tenant.integration(), "outcome", "skipped");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> MetricsScrape.sum("convgate_deliveries_total", skipped) == 1.0);

    Matcher example =
        Pattern.compile("/q/metrics \\| grep (?:'([^']+)'|([^\\s`']+))")
            .matcher(Files.readString(Path.of("README.md")));
    assertThat(example.find()).as("the README's metrics example").isTrue();
    Pattern grep = Pattern.compile(example.group(1) != null ? example.group(1) : example.group(2));
    List<String> shown =
        MetricsScrape.scrape().lines().filter(line -> grep.matcher(line).find()).toList();

    assertThat(shown)
        .as("what the README's grep prints")
        .isNotEmpty()
        .allMatch(line -> line.startsWith("convgate_deliveries_total{"))
        .allMatch(line -> line.contains("outcome=\"skipped\""))
        .anyMatch(line -> line.contains("integration=\"" + tenant.integration() + "\""));
  }

  /** The newest not-json dead letter whose record key is {@code key}, or null. */
  private Long notJsonLetter(String key) {
    for (Integer id :
        admin
            .get("/api/v1/dead-letters?reason=not-json&limit=50")
            .<List<Integer>>path("items.id")) {
      if (key.equals(admin.get("/api/v1/dead-letters/" + id).path("key"))) {
        return id.longValue();
      }
    }
    return null;
  }

  private void awaitLetters(String integration, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .get("/api/v1/dead-letters?integration=" + integration)
                        .<List<Object>>path("items")
                        .size()
                    >= count);
  }

  private static ProducerRecord<byte[], byte[]> lead(
      Tenants.Tenant tenant, String eventId, String email) {
    return lead(tenant.integration(), eventId, email);
  }

  private static ProducerRecord<byte[], byte[]> lead(
      String integration, String eventId, String email) {
    return Tenants.record(
        eventId,
        Events.envelope(
            eventId, "lead.upserted", integration, "2026-11-22T10:00:00Z", Events.lead(email)));
  }
}
