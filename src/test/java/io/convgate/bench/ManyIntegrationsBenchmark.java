package io.convgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.Producers;
import io.convgate.testkit.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Many integrations, few of them busy (issue 23, part 3): the same traffic over {@code
 * bench.many.busy} integrations is run twice, first with only those integrations, then with {@code
 * bench.many.integrations} in all (the rest idle). Each run reports start-up time, RSS, the size
 * and time of a /q/metrics scrape, the CPU of the idle timers, and the sandbox's 429s (each busy
 * integration has its own limits, enforced by the sandbox per key: a 429 is a limiter violation).
 */
public final class ManyIntegrationsBenchmark {

  private static final int ALL = Integer.getInteger("bench.many.integrations", 10_000);
  private static final int BUSY = Integer.getInteger("bench.many.busy", 500);
  private static final int EVENTS_PER_BUSY = Integer.getInteger("bench.many.events", 40);
  private static final int PER_SECOND = 10;
  private static final int PER_MINUTE = 300;
  private static final Duration IDLE = Duration.ofSeconds(30);

  private ManyIntegrationsBenchmark() {}

  record Run(
      int integrations,
      double startSeconds,
      long rssAfterStartKib,
      double trafficSeconds,
      long peakRssKib,
      int scrapeBytes,
      long scrapeMillis,
      int scrapeLines,
      double idleCpuSeconds,
      int tooMany,
      int delivered) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("target", "bench-many");
    TestStack stack = TestStack.startWithoutTopics(dir, TestStack.StackPorts.ANY);
    stack.provisionTopics();
    Path log = dir.resolve("gateway.log");
    GatewayProcess.start(stack.gatewayConfig(), Ports.free(), log).stop();
    addIntegrations(stack, 0, BUSY);
    Run few = run(stack, log, BUSY, "A-");
    addIntegrations(stack, BUSY, ALL);
    Run many = run(stack, log, ALL, "B-");
    stack.close();

    System.out.println();
    System.out.println("=== convgate with many integrations ===");
    System.out.printf(
        Locale.ROOT,
        "traffic                    %d events over %d busy integrations (%d/s, %d/min each)%n",
        BUSY * EVENTS_PER_BUSY,
        BUSY,
        PER_SECOND,
        PER_MINUTE);
    for (Run r : List.of(few, many)) {
      System.out.printf(
          Locale.ROOT,
          "%,6d integrations        start-up %.1f s, RSS %d MiB after start, peak %d MiB; traffic"
              + " %.1f s (%,d delivered); /q/metrics %,d bytes, %,d lines, %d ms; idle timers %.2f s"
              + " CPU in %d s; 429s %d%n",
          r.integrations(),
          r.startSeconds(),
          r.rssAfterStartKib() / 1024,
          r.peakRssKib() / 1024,
          r.trafficSeconds(),
          r.delivered(),
          r.scrapeBytes(),
          r.scrapeLines(),
          r.scrapeMillis(),
          r.idleCpuSeconds(),
          IDLE.toSeconds(),
          r.tooMany());
    }
    System.out.printf(
        Locale.ROOT,
        "added by %,d idle          RSS %+d MiB after start, %+d MiB peak%n",
        ALL - BUSY,
        (many.rssAfterStartKib() - few.rssAfterStartKib()) / 1024,
        (many.peakRssKib() - few.peakRssKib()) / 1024);
    System.exit(0);
  }

  /** Integrations {@code from} to {@code to - 1}, written in one statement; keys in the sandbox. */
  private static void addIntegrations(TestStack stack, int from, int to) {
    for (int i = from; i < to; i++) {
      stack.sandbox().addKey("many-key-" + i, "many-" + i + "@example.com", PER_SECOND, PER_MINUTE);
    }
    stack
        .database()
        .execute(
            String.format(
                Locale.ROOT,
                "INSERT INTO integrations (id, name, hyros_api_key, status, requests_per_second,"
                    + " requests_per_minute) SELECT 'many-' || g, 'Integration many-' || g,"
                    + " 'many-key-' || g, 'ACTIVE', %d, %d FROM generate_series(%d, %d) AS g",
                PER_SECOND,
                PER_MINUTE,
                from,
                to - 1));
  }

  private static Run run(TestStack stack, Path log, int integrations, String prefix)
      throws Exception {
    stack.sandbox().clearAccepted();
    int tooManyBefore = stack.sandbox().tooManyRequests();
    Map<String, String> config = new HashMap<>(stack.gatewayConfig());
    config.put("quarkus.log.category.\"io.convgate\".level", "WARN");
    long start = System.nanoTime();
    GatewayProcess gateway = GatewayProcess.start(config, Ports.free(), log);
    double startSeconds = (System.nanoTime() - start) / 1e9;
    // the heartbeats and gauges of every integration are read on the first ticks after start-up
    TimeUnit.SECONDS.sleep(10);
    long rssAfterStart = rssKib(gateway.pid());
    int events = BUSY * EVENTS_PER_BUSY;
    long trafficStart = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      for (int n = 0; n < events; n++) {
        producer.send(record("many-" + (n % BUSY), prefix + n));
      }
      producer.flush();
    }
    // scrapes while the traffic flows, then the rest of the traffic
    List<Long> scrapeMillis = new ArrayList<>();
    String text = "";
    for (int i = 0; i < 3; i++) {
      TimeUnit.SECONDS.sleep(2);
      long t = System.nanoTime();
      text = gateway.get("/q/metrics");
      scrapeMillis.add((System.nanoTime() - t) / 1_000_000);
    }
    // a run that stops delivering (a stall of a minute) still reports what it measured
    int lastCount = -1;
    long lastProgress = System.nanoTime();
    while (stack.sandbox().acceptedCount() < events
        && System.nanoTime() - lastProgress < TimeUnit.MINUTES.toNanos(1)) {
      int count = stack.sandbox().acceptedCount();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = System.nanoTime();
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    int delivered = stack.sandbox().acceptedCount();
    double trafficSeconds = (System.nanoTime() - trafficStart) / 1e9;
    long t = System.nanoTime();
    text = gateway.get("/q/metrics");
    scrapeMillis.add((System.nanoTime() - t) / 1_000_000);
    scrapeMillis.sort(Long::compare);
    double cpuBefore = ProcessStats.of(gateway.pid()).cpuSeconds();
    TimeUnit.MILLISECONDS.sleep(IDLE.toMillis());
    ProcessStats end = ProcessStats.of(gateway.pid());
    gateway.stop();
    return new Run(
        integrations,
        startSeconds,
        rssAfterStart,
        trafficSeconds,
        end.peakRssKib(),
        text.getBytes(StandardCharsets.UTF_8).length,
        scrapeMillis.get(scrapeMillis.size() - 1),
        (int) text.lines().filter(line -> !line.startsWith("#")).count(),
        end.cpuSeconds() - cpuBefore,
        stack.sandbox().tooManyRequests() - tooManyBefore,
        delivered);
  }

  /** The process's resident set now (VmRSS). */
  private static long rssKib(long pid) throws java.io.IOException {
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", pid + "", "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static ProducerRecord<byte[], byte[]> record(String integration, String saleId) {
    ObjectNode data = Events.sale(saleId, "m@example.com", "USD", "9.99", 1);
    ObjectNode envelope =
        Events.envelope(
            "evt-" + saleId, "sale.completed", integration, "2026-11-22T08:00:00Z", data);
    return new ProducerRecord<>(
        "billing.events",
        saleId.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }
}
