package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.MetricsScrape;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Once a held integration's park has been released, its hold ends for good: the sales that follow
 * are sent directly, not parked behind a hold that the releaser keeps creating again (it did, for
 * up to 45 s after a release, tick after tick: a tick that saw the hold of the release still
 * running started another release once that one had ended, which held the integration anew).
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ReleaseEndsTest {

  private static final String PARKED = "convgate_deliveries_total";

  @Test
  void afterAReleaseNewSalesAreSentDirectly() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    Tenant tenant = Tenants.create(stack, "release-ends", null, null);
    String path = "/api/v1/integrations/" + tenant.integration();
    String run = UUID.randomUUID().toString().substring(0, 6);

    assertThat(admin.post(path + "/pause", null).statusCode()).isEqualTo(200);
    Tenants.produce(
        stack, List.of(Tenants.sale(tenant, "H1-" + run), Tenants.sale(tenant, "H2-" + run)));
    await().atMost(Duration.ofSeconds(30)).until(() -> parked(tenant) == 2);
    assertThat(admin.post(path + "/resume", null).statusCode()).isEqualTo(200);
    awaitOrders(stack, tenant, List.of("H1-" + run, "H2-" + run));

    // A sale every half second for six release checks (one a second)
    List<String> all = new ArrayList<>(List.of("H1-" + run, "H2-" + run));
    for (int n = 0; n < 12; n++) {
      String orderId = "A" + n + "-" + run;
      all.add(orderId);
      Tenants.produce(stack, List.of(Tenants.sale(tenant, orderId)));
      await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    }
    awaitOrders(stack, tenant, all);

    assertThat(parked(tenant))
        .as("deliveries parked: the two of the pause, none after")
        .isEqualTo(2);
  }

  /** Each of these orders received once, in any order (two sales are two lanes), and no other. */
  private static void awaitOrders(TestStack stack, Tenant tenant, List<String> orderIds) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(tenant.received(stack))
                    .extracting(AcceptedRequest::orderId)
                    .containsExactlyInAnyOrderElementsOf(orderIds));
  }

  private static double parked(Tenant tenant) {
    return MetricsScrape.sum(
        PARKED, Map.of("integration", tenant.integration(), "outcome", "parked"));
  }
}
