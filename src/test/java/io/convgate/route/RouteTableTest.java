package io.convgate.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Route route(
      String id, String source, List<String> types, String field, String value, String... to) {
    return new Route(id, id, source, types, field, value, List.of(to), true, null, null);
  }

  private static ConversionEvent event(
      String source, EventType type, String integration, String currency) {
    ObjectNode data = JSON.createObjectNode();
    data.put("email", "a@example.com");
    if (currency != null) {
      data.put("currency", currency);
    }
    data.putObject("brand").put("name", "acme");
    return new ConversionEvent(
        "evt-1",
        source,
        type,
        OffsetDateTime.parse("2026-11-20T10:00:00Z"),
        null,
        integration,
        data);
  }

  @Test
  void aSourceIsMatchedExactlyOrByItsPrefix() {
    RouteTable table =
        RouteTable.of(
            List.of(
                route("exact", "billing/stripe", List.of(), null, null, "a"),
                route("prefix", "shop/*", List.of(), null, null, "b"),
                route("any", "*", List.of(), null, null, "c")),
            1);

    assertThat(table.routed(event("billing/stripe", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("c", "a");
    assertThat(table.routed(event("billing/stripe2", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("c");
    assertThat(table.routed(event("shop/eu", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("c", "b");
    assertThat(table.routed(event("shop", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("c");
  }

  @Test
  void aTypeListTakesOnlyItsTypesAndNoListTakesEvery() {
    RouteTable table =
        RouteTable.of(
            List.of(
                route("leads", null, List.of("lead.upserted", "call.booked"), null, null, "a"),
                route("all", null, List.of(), null, null, "b")),
            1);

    assertThat(table.routed(event("crm", EventType.LEAD_UPSERTED, null, null)))
        .containsExactly("b", "a");
    assertThat(table.routed(event("crm", EventType.CALL_BOOKED, null, null)))
        .containsExactly("b", "a");
    assertThat(table.routed(event("crm", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("b");
  }

  @Test
  void aDataFieldMustEqualTheTextAndBeText() {
    RouteTable table =
        RouteTable.of(
            List.of(
                route("eur", null, List.of(), "/currency", "EUR", "eu"),
                route("brand", null, List.of(), "/brand/name", "acme", "acme"),
                route("object", null, List.of(), "/brand", "acme", "never")),
            1);

    assertThat(table.routed(event("s", EventType.SALE_COMPLETED, null, "EUR")))
        .containsExactly("acme", "eu");
    assertThat(table.routed(event("s", EventType.SALE_COMPLETED, null, "USD")))
        .containsExactly("acme");
    assertThat(table.routed(event("s", EventType.SALE_COMPLETED, null, null)))
        .containsExactly("acme");
  }

  @Test
  void targetsAreInRouteIdOrderThenTheirOwnOrderEachOnceAndNeverTheNamedIntegration() {
    RouteTable table =
        RouteTable.of(
            List.of(
                route("z-last", null, List.of(), null, null, "x", "a"),
                route("a-first", null, List.of(), null, null, "b", "x", "named"),
                route("m-middle", null, List.of(), null, null, "a", "c")),
            1);

    assertThat(table.routed(event("s", EventType.LEAD_UPSERTED, "named", null)))
        .containsExactly("b", "x", "a", "c");
    assertThat(table.routed(event("s", EventType.LEAD_UPSERTED, null, null)))
        .containsExactly("b", "x", "named", "a", "c");
  }

  @Test
  void disabledRoutesMatchNothingAndNoMatchIsTheSharedEmptyList() {
    Route off =
        new Route("off", "off", null, List.of(), null, null, List.of("a"), false, null, null);
    RouteTable table = RouteTable.of(List.of(off), 3);

    assertThat(table.isEmpty()).isTrue();
    assertThat(table.version()).isEqualTo(3);
    ConversionEvent lead = event("s", EventType.LEAD_UPSERTED, null, null);
    assertThat(table.routed(lead)).isSameAs(List.of()).isEmpty();
    assertThat(table.matchesAny(lead)).isFalse();
    assertThat(RouteTable.EMPTY.routed(lead)).isSameAs(List.of());
  }

  @Test
  void anEventNoRouteTakesCostsNoAllocationWithRoutesOrWithout() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        threads instanceof com.sun.management.ThreadMXBean bean
            && bean.isThreadAllocatedMemorySupported());
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) threads;
    RouteTable routes =
        RouteTable.of(
            List.of(
                route("other-source", "shop/*", List.of(), null, null, "a"),
                route("other-type", null, List.of("sale.refunded"), null, null, "b"),
                route("other-value", null, List.of(), "/currency", "JPY", "c")),
            1);
    ConversionEvent sale = event("billing/stripe", EventType.SALE_COMPLETED, "named", "EUR");
    int calls = 100_000;
    for (RouteTable table : List.of(RouteTable.EMPTY, routes)) {
      for (int i = 0; i < calls; i++) {
        table.routed(sale); // warm up
      }
      long thread = Thread.currentThread().getId();
      long before = bean.getThreadAllocatedBytes(thread);
      int found = 0;
      for (int i = 0; i < calls; i++) {
        found += table.routed(sale).size();
      }
      long allocated = bean.getThreadAllocatedBytes(thread) - before;
      assertThat(found).isZero();
      assertThat(allocated)
          .as("bytes allocated by %d look-ups in a table of %d routes", calls, table.size())
          .isLessThan(calls / 10);
    }
  }
}
