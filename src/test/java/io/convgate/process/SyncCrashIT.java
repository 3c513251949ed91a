package io.convgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.testkit.Admin;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.TopicReader;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A backfill of 10,000 sales (40 pages) is under way when the gateway process is killed with
 * SIGKILL; the gateway is started again and the backfill resumes from its cursor. On the topic: no
 * gap (every sale of the window is there) and no double (decision 0047): a sale published twice is
 * only one the kill caught between publishing its page and storing the page's fingerprints, at most
 * one page, and both copies are the same event (same key, same CloudEvent id, same bytes), so an
 * upsert by key or a dedupe by id makes the second a no-op.
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(6)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class SyncCrashIT {

  private static final int SALES = 10_000;
  private static final int PAGE = 250;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestStack stack;

  @BeforeAll
  static void startStack() {
    stack =
        TestStack.startWithoutTopics(Path.of("target", "it-sync-crash"), TestStack.StackPorts.ANY);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void aKilledBackfillResumesWithNoGapAndNoDouble() throws Exception {
    int port = Ports.free();
    Path log = Path.of("target", "it-sync-crash", "gateway.log");
    GatewayProcess gateway = GatewayProcess.startAtLowPriority(config(), port, log);
    // 10 requests per second: reads take at most half, so 40 pages take about 8 s.
    Tenant tenant = Tenants.create(stack, "synccrash", 10, 600);
    Instant now = Instant.now();
    stack.sandbox().history().seedSales(tenant.apiKey(), SALES, Duration.ofDays(80), now);
    Admin admin = Admin.at(gateway.baseUrl(), TestStack.ADMIN_KEY);
    String id;
    Instant from;
    Instant to;
    int pagesAtKill;
    try {
      Response started =
          admin.startBackfill(
              tenant.integration(), "sales", now.minus(Duration.ofDays(85)), now.plusSeconds(1));
      id = started.jsonPath().getString("id");
      from = Instant.parse(started.jsonPath().getString("windowFrom"));
      to = Instant.parse(started.jsonPath().getString("windowTo"));
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> listReads(tenant) >= 12);
      gateway.kill();
      pagesAtKill = listReads(tenant);
      assertThat(pagesAtKill).as("killed mid-pagination").isLessThan(SALES / PAGE);

      gateway = GatewayProcess.startAtLowPriority(config(), port, log);
      Admin again = Admin.at(gateway.baseUrl(), TestStack.ADMIN_KEY);
      await()
          .atMost(Duration.ofMinutes(3))
          .until(
              () ->
                  "SUCCEEDED"
                      .equals(
                          again.get("/api/v1/sync/backfills/" + id).jsonPath().getString("state")));
    } finally {
      gateway.close();
    }

    Set<String> expected =
        stack.sandbox().history().sales(tenant.apiKey(), from, to).stream()
            .map(s -> tenant.integration() + "/" + s.get("id").asText())
            .collect(Collectors.toSet());
    assertThat(expected).hasSize(SALES);
    try (TopicReader topic = new TopicReader(stack.bootstrapServers(), "convgate.hyros.sales")) {
      List<ConsumerRecord<String, byte[]>> mine =
          topic.matching(r -> r.key() != null && r.key().startsWith(tenant.integration() + "/"));
      Map<String, List<ConsumerRecord<String, byte[]>>> byKey =
          mine.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
      assertThat(byKey.keySet())
          .as("no gap: every sale of the window, nothing else")
          .isEqualTo(expected);
      long republished = byKey.values().stream().filter(l -> l.size() > 1).count();
      System.out.printf(
          "sync crash test: killed after %d page reads; %d records on the topic for %d sales; %d published twice%n",
          pagesAtKill, mine.size(), expected.size(), republished);
      Set<String> eventIds = new HashSet<>();
      for (List<ConsumerRecord<String, byte[]>> copies : byKey.values()) {
        assertThat(copies).as("never more than twice").hasSizeLessThanOrEqualTo(2);
        String eventId = JSON.readTree(copies.get(0).value()).get("id").asText();
        for (ConsumerRecord<String, byte[]> copy : copies) {
          assertThat(Arrays.equals(copy.value(), copies.get(0).value()))
              .as("a copy is the same event, byte for byte")
              .isTrue();
        }
        eventIds.add(eventId);
      }
      assertThat(eventIds).as("one event id per sale: no double version").hasSize(expected.size());
      assertThat(republished)
          .as("at most the page under way at the kill")
          .isLessThanOrEqualTo(PAGE);
    }
  }

  private static int listReads(Tenant tenant) {
    return (int)
        stack.sandbox().accepted().stream()
            .filter(r -> r.apiKey().equals(tenant.apiKey()) && r.path().equals("/sales"))
            .count();
  }

  private static Map<String, String> config() {
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.put("convgate.membership.instance-id", "sync-crash-gateway");
    config.put("convgate.sync.tick", "500ms");
    // A dead runner's lease lapses soon, so the restarted gateway resumes the backfill.
    config.put("convgate.sync.lease", "5s");
    return config;
  }
}
