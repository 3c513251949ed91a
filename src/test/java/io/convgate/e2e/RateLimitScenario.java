package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.DeliveryConsumers;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A backlog of 1,500 events for one integration at Hyros' real limits (30 per second and 1,000 per
 * minute, so both windows bind in turn): the sandbox never sees more than either limit in any
 * sliding window, convgate causes no 429, and it uses at least 95% of whichever limit binds. The
 * whole backlog takes as long as the scaled-down limits it had before (100 and 1,500) did, about 77
 * s: the minute window sets it. Those asked for 100 calls in each second of 15, and a gateway on
 * this 2-core machine with anything beside it lost 0.6-1.6 s of them to waiting for a CPU now and
 * then; the real limits ask for 30 in each second of 33 (decision 0062).
 *
 * <p>Runs in {@link PaceScenariosIT}, beside the other scenarios whose subject is a minute
 * (decision 0061), on a delivery consumer of its own.
 */
final class RateLimitScenario {

  private static final int PER_SECOND = 30;
  private static final int PER_MINUTE = 1000;
  private static final int BACKLOG = Integer.getInteger("backlog", 1500);

  private final TestStack stack;
  private final Tenant tenant;

  /** The paced integration's deliveries go to consumer {@code on}. */
  RateLimitScenario(TestStack stack, DeliveryConsumers consumers, int on) {
    this.stack = stack;
    tenant = Tenants.createWithId(stack, consumers.id("paced", on), PER_SECOND, PER_MINUTE);
  }

  /** Sends the whole backlog at once. */
  void start() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < BACKLOG; i++) {
      records.add(Tenants.sale(tenant, "PACE-" + run + "-" + i));
    }
    Tenants.produce(stack, records);
  }

  /**
   * Waits for the first minute's quota: until then the per-second window binds, and every second
   * must carry its 30 calls (the part of this scenario that needs a machine nothing else starves).
   */
  void awaitFirstQuota() {
    await().atMost(Duration.ofMinutes(2)).until(() -> tenant.received(stack).size() >= PER_MINUTE);
  }

  /** A backlog is sent at the limit and never above: waits for all of it, then checks. */
  void check() {
    await().atMost(Duration.ofMinutes(3)).until(() -> tenant.received(stack).size() >= BACKLOG);
    List<Instant> arrivals =
        tenant.received(stack).stream().map(AcceptedRequest::receivedAt).toList();

    assertThat(arrivals).hasSize(BACKLOG);
    assertThat(Windows.densest(arrivals, Duration.ofSeconds(1)))
        .as("densest second")
        .isLessThanOrEqualTo(PER_SECOND);
    assertThat(Windows.densest(arrivals, Duration.ofMinutes(1)))
        .as("densest minute")
        .isLessThanOrEqualTo(PER_MINUTE);
    assertThat(stack.sandbox().tooManyRequests(tenant.apiKey()))
        .as("429s caused by convgate")
        .isZero();

    // While the per-second window binds (the first minute's quota), it is used at >= 95%.
    Instant first = arrivals.get(0);
    StringBuilder perSecond = new StringBuilder();
    for (int second = 0; second < 36; second++) {
      perSecond
          .append(Windows.count(arrivals, first.plusSeconds(second), Duration.ofSeconds(1)))
          .append(' ');
    }
    System.out.println("RateLimit: arrivals per second from the first: " + perSecond);
    long firstQuotaSeconds = PER_MINUTE / PER_SECOND;
    assertThat(Windows.count(arrivals, first, Duration.ofSeconds(firstQuotaSeconds)))
        .as("arrivals in the first %d s", firstQuotaSeconds)
        .isGreaterThanOrEqualTo((long) Math.ceil(0.95 * PER_MINUTE));
    // Overall, against the best schedule both windows allow: the next quota opens one minute
    // after the first request, and takes PER_MINUTE / PER_SECOND seconds again.
    double idealSeconds = 60 + (BACKLOG - PER_MINUTE - 1) / (double) PER_SECOND;
    double actualSeconds =
        Duration.between(first, arrivals.get(arrivals.size() - 1)).toMillis() / 1000.0;
    assertThat(idealSeconds / actualSeconds)
        .as("share of the binding limit used (actual %.1f s)", actualSeconds)
        .isGreaterThanOrEqualTo(0.95);
  }
}
