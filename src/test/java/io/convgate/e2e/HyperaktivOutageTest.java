package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.HyperaktivTenants;
import io.convgate.testkit.HyperaktivTenants.HyperaktivTenant;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.hyperaktiv.ReceivedLead;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's must-show: the same leads go to a Hyros account and a Hyperaktiv origin (one route);
 * Hyperaktiv answers 503 for two minutes. Hyros keeps its full pace the whole time (every sliding
 * minute of the outage ≥ 95 % of its per-minute limit, never above its limits); Hyperaktiv's
 * deliveries are parked, not dead-lettered, and released once it answers again; each lead reaches
 * each destination exactly once.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class HyperaktivOutageTest {

  private static final int HYROS_PER_SECOND = 30;
  private static final int HYROS_PER_MINUTE = 1200;

  /** Enough for Hyros to be busy through the whole outage (2,500 at 1,200 a minute: 125 s). */
  private static final int LEADS = 2500;

  /** Hyperaktiv's limits, raised so the release after the outage takes about a minute. */
  private static final int HYPERAKTIV_PER_SECOND = 50;

  private static final int HYPERAKTIV_PER_MINUTE = 3000;
  private static final Duration OUTAGE = Duration.ofMinutes(2);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void hyperaktivsOutageNeitherSlowsHyrosNorLosesOrDoublesALead() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String source = "crm/hk-outage-" + run;
    Tenant hyros =
        HyperaktivTenants.hyros(stack, admin, "hk-out-hyros", HYROS_PER_SECOND, HYROS_PER_MINUTE);
    HyperaktivTenant hyperaktiv =
        HyperaktivTenants.hyperaktiv(
            stack, admin, "hk-out", HYPERAKTIV_PER_SECOND, HYPERAKTIV_PER_MINUTE);
    HyperaktivTenants.route(
        admin,
        "hk-outage-" + run,
        source,
        List.of("lead.upserted"),
        List.of(hyros.integration(), hyperaktiv.integration()));
    // The route takes effect within the routes' poll interval: one lead proves it before the
    // outage starts, so the whole outage is measured.
    String probe = "warm-" + run + "@example.com";
    Tenants.produce(
        stack,
        List.of(
            HyperaktivTenants.unnamed(
                "evt-warm-" + run, "lead.upserted", source, probe, Events.lead(probe))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hyros.received(stack).size() == 1 && hyperaktiv.received(stack).size() == 1);

    Instant outageEnds = Instant.now().plus(OUTAGE);
    stack.hyperaktiv().inject(Fault.status(hyperaktiv.workspaceKey(), 503, OUTAGE));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      String email = "lead-" + run + "-" + i + "@example.com";
      records.add(
          HyperaktivTenants.unnamed(
              "evt-" + run + "-" + i, "lead.upserted", source, email, Events.lead(email)));
    }
    Tenants.produce(stack, records);

    // Held, not dropped: Hyperaktiv's copies wait in the park while it refuses them.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stack.database().parked(hyperaktiv.integration()) > 0);
    assertThat(Instant.now()).isBefore(outageEnds);

    await()
        .atMost(OUTAGE.plusMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                hyros.received(stack).size() >= LEADS + 1
                    && hyperaktiv.received(stack).size() >= LEADS + 1);
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

    List<Instant> hyrosArrivals =
        hyros.received(stack).stream()
            .skip(1) // the warm-up lead
            .map(AcceptedRequest::receivedAt)
            .toList();
    Instant start = hyrosArrivals.get(0);
    Instant end = hyrosArrivals.get(hyrosArrivals.size() - 1);
    long floor = (long) Math.ceil(0.95 * HYROS_PER_MINUTE);
    long worst = Long.MAX_VALUE;
    int windows = 0;
    for (Instant from = start;
        !from.plus(MINUTE).isAfter(end) && !from.plus(MINUTE).isAfter(outageEnds);
        from = from.plusSeconds(1)) {
      long count = Windows.count(hyrosArrivals, from, MINUTE);
      worst = Math.min(worst, count);
      assertThat(count)
          .as("Hyros deliveries in the minute from %s (Hyperaktiv down until %s)", from, outageEnds)
          .isGreaterThanOrEqualTo(floor);
      windows++;
    }
    System.out.printf(
        "HyperaktivOutageTest: %d sliding minutes during the outage, the worst had %d Hyros"
            + " deliveries (%.1f %% of %d/min)%n",
        windows, worst, 100.0 * worst / HYROS_PER_MINUTE, HYROS_PER_MINUTE);
    assertThat(windows).as("sliding minutes checked during the outage").isGreaterThanOrEqualTo(30);
    assertThat(Windows.densest(hyrosArrivals, MINUTE)).isLessThanOrEqualTo(HYROS_PER_MINUTE);
    assertThat(Windows.densest(hyrosArrivals, Duration.ofSeconds(1)))
        .isLessThanOrEqualTo(HYROS_PER_SECOND);

    Map<String, Long> atHyros =
        hyros.received(stack).stream()
            .collect(Collectors.groupingBy(AcceptedRequest::orderIdOrEmail, Collectors.counting()));
    assertThat(atHyros).hasSize(LEADS + 1);
    assertThat(atHyros.values()).allMatch(n -> n == 1);
    List<ReceivedLead> hyperaktivReceived = hyperaktiv.received(stack);
    Map<String, Long> atHyperaktiv =
        hyperaktivReceived.stream()
            .collect(Collectors.groupingBy(ReceivedLead::email, Collectors.counting()));
    assertThat(atHyperaktiv).hasSize(LEADS + 1);
    assertThat(atHyperaktiv.values()).allMatch(n -> n == 1);
    assertThat(
            hyperaktivReceived.stream()
                .filter(l -> !probe.equals(l.email()))
                .map(ReceivedLead::at)
                .min(Instant::compareTo)
                .orElseThrow())
        .as("Hyperaktiv's first lead of the outage")
        .isAfterOrEqualTo(outageEnds);
    Instant lastAtHyperaktiv =
        hyperaktivReceived.stream().map(ReceivedLead::at).max(Instant::compareTo).orElseThrow();
    System.out.printf(
        "HyperaktivOutageTest: Hyperaktiv's %d parked leads delivered %.1f s after the outage"
            + " ended (the last)%n",
        LEADS, Duration.between(outageEnds, lastAtHyperaktiv).toMillis() / 1000.0);
    assertThat(Windows.densest(hyperaktivReceived.stream().map(ReceivedLead::at).toList(), MINUTE))
        .isLessThanOrEqualTo(HYPERAKTIV_PER_MINUTE);

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      Function<String, Integer> letters =
          id -> reader.matching(r -> id.equals(header(r, "convgate-integration"))).size();
      assertThat(letters.apply(hyperaktiv.integration())).as("Hyperaktiv dead letters").isZero();
      assertThat(letters.apply(hyros.integration())).as("Hyros dead letters").isZero();
    }
    assertThat(stack.database().parked(hyperaktiv.integration())).isZero();
  }
}
