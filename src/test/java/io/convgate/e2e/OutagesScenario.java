package io.convgate.e2e;

import static io.convgate.testkit.DeadLetterReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.DeliveryConsumers;
import io.convgate.testkit.Events;
import io.convgate.testkit.HyperaktivTenants;
import io.convgate.testkit.HyperaktivTenants.HyperaktivTenant;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.hyperaktiv.ReceivedLead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Two outages at once, for two minutes: a Hyros integration ({@code broken}, sales named to it) and
 * a Hyperaktiv origin ({@code hyperaktiv}, the leads of a route) answer 503. A third integration, a
 * healthy Hyros account, takes sales named to it and the same routed leads as the Hyperaktiv
 * origin. It keeps its full pace the whole time: every sliding minute of the outage has at least 95
 * % of its binding per-minute limit (as with Hyros' defaults), never more than either limit. The
 * broken integrations' deliveries are parked, not dead-lettered, and delivered once their
 * destinations answer again; every sale and every lead reaches each of its destinations exactly
 * once.
 *
 * <p>One scenario for what were two tests (a Hyros outage, issue 3; a Hyperaktiv outage beside the
 * Hyros copy of the same leads, issue 19): every assertion of both, one two-minute wait instead of
 * two (decision 0059). It runs in {@link PaceScenariosIT}, beside the other scenarios whose subject
 * is a minute (decision 0061); its three integrations share a partition of {@code
 * convgate.deliveries}, and the other scenarios' integrations are on other delivery consumers.
 */
final class OutagesScenario {

  private static final int HEALTHY_PER_SECOND = 30;
  private static final int HEALTHY_PER_MINUTE = 1200;

  /** Routed to the healthy integration and to Hyperaktiv. */
  private static final int LEADS = 1500;

  /** Named to the healthy integration; with the leads, 2,800 calls: 140 s at 1,200 a minute. */
  private static final int HEALTHY_SALES = 1300;

  /** Named to the broken Hyros integration, among the healthy one's sales. */
  private static final int BROKEN_SALES = 300;

  /**
   * Hyperaktiv's limits, raised so the release after the outage takes about 15 s (at 50 a second it
   * took 30-40 s, the scenario's last part).
   */
  private static final int HYPERAKTIV_PER_SECOND = 100;

  private static final int HYPERAKTIV_PER_MINUTE = 6000;
  private static final Duration OUTAGE = Duration.ofMinutes(2);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final TestStack stack;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final String source = "crm/outages-" + run;
  private final String probe = "warm-" + run + "@example.com";
  private final Tenant healthy;
  private final Tenant broken;
  private final HyperaktivTenant hyperaktiv;
  private Instant outageEnds;

  /**
   * The healthy integration's deliveries on consumer {@code on}; the broken ones' on the same
   * partition, so the same polls: a broken integration must not hold up its neighbours.
   */
  OutagesScenario(TestStack stack, Admin admin, DeliveryConsumers consumers, int on) {
    this.stack = stack;
    healthy =
        HyperaktivTenants.hyrosWithId(
            stack, admin, consumers.id("out-healthy", on), HEALTHY_PER_SECOND, HEALTHY_PER_MINUTE);
    broken =
        Tenants.createWithId(
            stack, consumers.idBeside("out-broken", healthy.integration()), null, null);
    hyperaktiv =
        HyperaktivTenants.hyperaktivWithId(
            stack,
            admin,
            consumers.idBeside("out-hk", healthy.integration()),
            HYPERAKTIV_PER_SECOND,
            HYPERAKTIV_PER_MINUTE);
    HyperaktivTenants.route(
        admin,
        "outages-" + run,
        source,
        List.of("lead.upserted"),
        List.of(healthy.integration(), hyperaktiv.integration()));
  }

  /** Proves the route, then starts both outages and sends their traffic; back once both parked. */
  void start() {
    // The route takes effect within the routes' poll interval: one lead proves it before the
    // outages start, so the whole outage is measured.
    Tenants.produce(
        stack,
        List.of(
            HyperaktivTenants.unnamed(
                "evt-warm-" + run, "lead.upserted", source, probe, Events.lead(probe))));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> healthy.received(stack).size() == 1 && hyperaktiv.received(stack).size() == 1);

    outageEnds = Instant.now().plus(OUTAGE);
    stack.sandbox().inject(new Fault(broken.apiKey(), 503, Duration.ZERO, false, outageEnds));
    stack
        .hyperaktiv()
        .inject(new Fault(hyperaktiv.workspaceKey(), 503, Duration.ZERO, false, outageEnds));
    Tenants.produce(stack, records());

    // Held, not dropped: the broken integrations' deliveries wait in the park while refused.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                stack.database().parked(broken.integration()) > 0
                    && stack.database().parked(hyperaktiv.integration()) > 0);
    assertThat(Instant.now()).as("both parked before the outage ends").isBefore(outageEnds);
  }

  /**
   * Outages neither slow the healthy integration nor lose or double anything: waits for every
   * delivery, then checks.
   */
  void check() {
    await()
        .atMost(OUTAGE.plusMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                healthy.received(stack).size() >= LEADS + HEALTHY_SALES + 1
                    && broken.received(stack).size() >= BROKEN_SALES
                    && hyperaktiv.received(stack).size() >= LEADS + 1);
    // Settled: nothing claimed or parked is left, so no second call of anything can still come.
    stack
        .database()
        .awaitSettled(healthy.integration(), broken.integration(), hyperaktiv.integration());

    assertHealthyKeptItsPace();
    assertOnce(healthy.received(stack), LEADS + HEALTHY_SALES + 1, "at the healthy integration");

    List<AcceptedRequest> brokenReceived = broken.received(stack);
    assertOnce(brokenReceived, BROKEN_SALES, "at the broken Hyros integration");
    assertThat(brokenReceived.get(0).receivedAt())
        .as("first delivery of the broken Hyros integration")
        .isAfterOrEqualTo(outageEnds);

    List<ReceivedLead> hyperaktivReceived = hyperaktiv.received(stack);
    Map<String, Long> atHyperaktiv =
        hyperaktivReceived.stream()
            .collect(Collectors.groupingBy(ReceivedLead::email, Collectors.counting()));
    assertThat(atHyperaktiv).as("leads at Hyperaktiv").hasSize(LEADS + 1);
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
    Instant lastAtBroken = brokenReceived.get(brokenReceived.size() - 1).receivedAt();
    System.out.printf(
        "Outages: parked deliveries delivered after the outage ended: Hyperaktiv's %d leads"
            + " in %.1f s, the broken Hyros integration's %d sales in %.1f s (the last of each)%n",
        LEADS,
        Duration.between(outageEnds, lastAtHyperaktiv).toMillis() / 1000.0,
        BROKEN_SALES,
        Duration.between(outageEnds, lastAtBroken).toMillis() / 1000.0);
    assertThat(Windows.densest(hyperaktivReceived.stream().map(ReceivedLead::at).toList(), MINUTE))
        .isLessThanOrEqualTo(HYPERAKTIV_PER_MINUTE);

    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      Function<String, Integer> letters =
          id -> reader.matching(r -> id.equals(header(r, "convgate-integration"))).size();
      assertThat(letters.apply(broken.integration())).as("broken Hyros dead letters").isZero();
      assertThat(letters.apply(hyperaktiv.integration())).as("Hyperaktiv dead letters").isZero();
      assertThat(letters.apply(healthy.integration())).as("healthy dead letters").isZero();
    }
    assertThat(stack.database().parked(broken.integration())).isZero();
    assertThat(stack.database().parked(hyperaktiv.integration())).isZero();
  }

  /** The leads (routed, by email) and the sales (named), the broken one's among the healthy's. */
  private List<ProducerRecord<byte[], byte[]>> records() {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    int brokenSales = 0;
    for (int i = 0; i < Math.max(LEADS, HEALTHY_SALES); i++) {
      if (i < LEADS) {
        String email = "lead-" + run + "-" + i + "@example.com";
        records.add(
            HyperaktivTenants.unnamed(
                "evt-" + run + "-" + i, "lead.upserted", source, email, Events.lead(email)));
      }
      if (i < HEALTHY_SALES) {
        records.add(Tenants.sale(healthy, "OK-" + run + "-" + i));
      }
      if (i % 4 == 0 && brokenSales < BROKEN_SALES) {
        records.add(Tenants.sale(broken, "DOWN-" + run + "-" + brokenSales++));
      }
    }
    return records;
  }

  /**
   * Every sliding minute from the healthy integration's first delivery of the outage to the end of
   * the outage holds at least 95 % of its per-minute limit; no window holds more than a limit.
   */
  private void assertHealthyKeptItsPace() {
    List<Instant> arrivals =
        healthy.received(stack).stream()
            .skip(1) // the warm-up lead
            .map(AcceptedRequest::receivedAt)
            .toList();
    Instant start = arrivals.get(0);
    Instant end = arrivals.get(arrivals.size() - 1);
    long floor = (long) Math.ceil(0.95 * HEALTHY_PER_MINUTE);
    long worst = Long.MAX_VALUE;
    int windows = 0;
    for (Instant from = start;
        !from.plus(MINUTE).isAfter(end) && !from.plus(MINUTE).isAfter(outageEnds);
        from = from.plusSeconds(1)) {
      long count = Windows.count(arrivals, from, MINUTE);
      worst = Math.min(worst, count);
      assertThat(count)
          .as("healthy deliveries in the minute from %s (outages until %s)", from, outageEnds)
          .isGreaterThanOrEqualTo(floor);
      windows++;
    }
    System.out.printf(
        "Outages: %d sliding minutes during the outages, the worst had %d deliveries of the"
            + " healthy integration (%.1f %% of %d/min)%n",
        windows, worst, 100.0 * worst / HEALTHY_PER_MINUTE, HEALTHY_PER_MINUTE);
    assertThat(windows).as("sliding minutes checked during the outages").isGreaterThanOrEqualTo(30);
    assertThat(Windows.densest(arrivals, MINUTE)).isLessThanOrEqualTo(HEALTHY_PER_MINUTE);
    assertThat(Windows.densest(arrivals, Duration.ofSeconds(1)))
        .isLessThanOrEqualTo(HEALTHY_PER_SECOND);
  }

  private static void assertOnce(List<AcceptedRequest> received, int expected, String where) {
    Map<String, Long> perCall =
        received.stream()
            .collect(Collectors.groupingBy(AcceptedRequest::orderIdOrEmail, Collectors.counting()));
    assertThat(perCall).as("distinct calls %s", where).hasSize(expected);
    assertThat(perCall.values()).as("calls of each %s", where).allMatch(n -> n == 1);
  }
}
