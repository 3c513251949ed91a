package io.convgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Things;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Calls booked then qualified, each pair with other integrations' sales between its two events in
 * the same input partitions: every call reaches Hyros as a create then an update, in that order,
 * and ends QUALIFIED; the sales of the others are each delivered once.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class CallsUnderLoadTest {

  private static final int CALLS = 40;
  private static final int SALES_BETWEEN = 10;
  private static final int PARTITIONS = 4;

  @Test
  void aCallBookedThenQualifiedArrivesAsACreateThenAnUpdateUnderLoad() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant crm = Tenants.create(stack, "calls", 1_000, 60_000);
    Tenants.Tenant shopA = Tenants.create(stack, "load-a", 1_000, 60_000);
    Tenants.Tenant shopB = Tenants.create(stack, "load-b", 1_000, 60_000);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    int sales = 0;
    for (int i = 0; i < CALLS; i++) {
      int partition = i % PARTITIONS;
      records.add(call(crm, i, partition, false));
      for (int s = 0; s < SALES_BETWEEN; s++, sales++) {
        Tenants.Tenant shop = s % 2 == 0 ? shopA : shopB;
        records.add(at(partition, Tenants.sale(shop, "ld-" + i + "-" + s)));
      }
      records.add(call(crm, i, partition, true));
    }
    Tenants.produce(stack, records);

    int expectedSales = sales;
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                crm.received(stack).size() >= 2 * CALLS
                    && shopA.received(stack).size() + shopB.received(stack).size()
                        >= expectedSales);
    // Settled: nothing claimed or parked is left, so no second call can still come.
    stack.database().awaitSettled(crm.integration(), shopA.integration(), shopB.integration());

    Map<String, List<AcceptedRequest>> byCall =
        crm.received(stack).stream()
            .collect(Collectors.groupingBy(r -> r.body().path("externalId").asText()));
    assertThat(byCall).hasSize(CALLS);
    for (int i = 0; i < CALLS; i++) {
      String id = callId(i);
      List<AcceptedRequest> calls = byCall.get(id);
      assertThat(calls).as(id).hasSize(2);
      assertThat(calls.get(0).body().has("state")).as(id + ": the booking first").isFalse();
      assertThat(calls.get(1).body().path("state").asText()).as(id).isEqualTo("QUALIFIED");
      Things.Thing held =
          stack.sandbox().things().get(crm.apiKey(), Things.Kind.CALL, id).orElseThrow();
      assertThat(held.writes()).as(id).containsExactly("create", "update");
      assertThat(held.state().path("state").asText()).as(id).isEqualTo("QUALIFIED");
    }
    List<AcceptedRequest> orders = new ArrayList<>(shopA.received(stack));
    orders.addAll(shopB.received(stack));
    assertThat(AcceptedRequest.countByOrder(orders)).hasSize(expectedSales);
    assertThat(AcceptedRequest.countByOrder(orders).values()).containsOnly(1L);
  }

  private static String callId(int i) {
    return "cal-load-" + i;
  }

  private static ProducerRecord<byte[], byte[]> call(
      Tenants.Tenant tenant, int i, int partition, boolean qualified) {
    String booked = "2026-11-20T10:%02d:00+01:00".formatted(i);
    ObjectNode data =
        Events.JSON
            .createObjectNode()
            .put("callId", callId(i))
            .put("name", "Discovery call " + i)
            .put("email", "lead" + i + "@example.com");
    String time = booked;
    String type = "call.booked";
    if (qualified) {
      data.put("bookedAt", booked).put("state", "QUALIFIED");
      time = "2026-11-21T10:%02d:00+01:00".formatted(i);
      type = "call.updated";
    }
    ObjectNode envelope =
        Events.envelope("evt-" + type + "-" + i, type, tenant.integration(), time, data);
    return at(partition, Tenants.record(callId(i), envelope));
  }

  private static ProducerRecord<byte[], byte[]> at(
      int partition, ProducerRecord<byte[], byte[]> record) {
    return new ProducerRecord<>(
        record.topic(), partition, record.key(), record.value(), record.headers());
  }
}
