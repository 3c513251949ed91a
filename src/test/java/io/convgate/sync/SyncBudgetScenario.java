package io.convgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
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
 * Deliveries for one integration at full quota while a backfill of the same integration runs, with
 * Hyros' windows scaled down (10 per second, 120 per minute) so a minute shows the rule: the
 * sandbox sees neither window exceeded by reads and writes together, causes no 429, and deliveries
 * keep at least the reserved share (convgate.sync.reserved-for-deliveries, 0.5) of each minute
 * while the backfill still reads.
 *
 * <p>Runs in {@code e2e.PaceScenariosIT}, beside the other scenarios whose subject is a minute
 * (decision 0061), on a delivery consumer of its own.
 */
public final class SyncBudgetScenario {

  private static final int PER_SECOND = 10;
  private static final int PER_MINUTE = 120;
  private static final double RESERVED = 0.5;
  private static final int DELIVERIES = 200;

  private final TestStack stack;
  private final Admin admin;
  private final Tenant tenant;

  /** The integration's deliveries go to consumer {@code on}. */
  public SyncBudgetScenario(TestStack stack, Admin admin, DeliveryConsumers consumers, int on) {
    this.stack = stack;
    this.admin = admin;
    tenant = Tenants.createWithId(stack, consumers.id("budget", on), PER_SECOND, PER_MINUTE);
  }

  /** Starts the backfill and, once it reads, sends the deliveries. */
  public void start() {
    Instant now = Instant.now();
    // 60 pages of 250: more than the backfill can read in the two minutes deliveries take.
    stack.sandbox().history().seedSales(tenant.apiKey(), 15_000, Duration.ofDays(60), now);

    admin.startBackfill(tenant.integration(), "sales", now.minus(Duration.ofDays(60)), now);
    await().atMost(Duration.ofSeconds(30)).until(() -> !reads().isEmpty());

    String run = UUID.randomUUID().toString().substring(0, 6);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      records.add(Tenants.sale(tenant, "BUDGET-" + run + "-" + i));
    }
    Tenants.produce(stack, records);
  }

  /**
   * Deliveries keep their share and together no window is exceeded: waits for every delivery, then
   * checks.
   */
  public void check() {
    await().atMost(Duration.ofMinutes(4)).until(() -> writes().size() >= DELIVERIES);

    List<Instant> all =
        stack.sandbox().accepted().stream()
            .filter(r -> r.apiKey().equals(tenant.apiKey()))
            .map(AcceptedRequest::receivedAt)
            .sorted()
            .toList();
    assertThat(Windows.densest(all, Duration.ofSeconds(1)))
        .as("reads and writes, densest second")
        .isLessThanOrEqualTo(PER_SECOND);
    assertThat(Windows.densest(all, Duration.ofMinutes(1)))
        .as("reads and writes, densest minute")
        .isLessThanOrEqualTo(PER_MINUTE);
    assertThat(stack.sandbox().tooManyRequests(tenant.apiKey())).as("429s").isZero();

    List<Instant> writes = writes().stream().map(AcceptedRequest::receivedAt).toList();
    List<Instant> reads = reads().stream().map(AcceptedRequest::receivedAt).toList();
    Instant firstWrite = writes.get(0);
    long readsBefore =
        Windows.count(reads, firstWrite.minus(Duration.ofMinutes(1)), Duration.ofMinutes(1));
    long writesInThatMinute = Windows.count(writes, firstWrite, Duration.ofMinutes(1));
    // The backfill held as much of the minute window as reads may when the deliveries came...
    assertThat(readsBefore)
        .as("reads in the minute before the first delivery")
        .isPositive()
        .isLessThanOrEqualTo((long) ((1 - RESERVED) * PER_MINUTE));
    // ...and the deliveries still had at least their share of their first minute.
    assertThat(writesInThatMinute)
        .as("deliveries in their first minute (reads just before: %d)", readsBefore)
        .isGreaterThanOrEqualTo((long) (RESERVED * PER_MINUTE) - 1);
    // Reads never held more than their share of any minute.
    assertThat(Windows.densest(reads, Duration.ofMinutes(1)))
        .as("reads, densest minute")
        .isLessThanOrEqualTo((int) ((1 - RESERVED) * PER_MINUTE));
  }

  private List<AcceptedRequest> writes() {
    return stack.sandbox().deliveries(List.of(tenant.apiKey()));
  }

  private List<AcceptedRequest> reads() {
    return stack.sandbox().accepted().stream()
        .filter(r -> r.apiKey().equals(tenant.apiKey()) && r.path().equals("/sales"))
        .filter(r -> r.method().equals("GET"))
        .toList();
  }
}
