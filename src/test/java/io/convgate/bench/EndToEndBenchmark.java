package io.convgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.Producers;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end benchmark: convgate (a separate process) against the sandbox with rate limiting out of
 * the way (many integrations with lifted limits), and in the same run the raw limits of the machine
 * on the same records. Prints its figures. See docs/benchmarks.md for the command.
 *
 * <p>Cold start: a first backlog is loaded and convgate started on it (reported apart: it includes
 * the JIT's warm-up, as a freshly started instance would see). Phase 1 (throughput): N events are
 * produced at once to the running convgate, which drains them. Phase 2 (added latency): events are
 * produced at a steady rate; the added latency of each is the time from producing it to the sandbox
 * receiving its call (the produce time travels in the order's {@code cartId}).
 */
public final class EndToEndBenchmark {

  private static final int INTEGRATIONS = Integer.getInteger("bench.integrations", 50);
  private static final int EVENTS = Integer.getInteger("bench.events", 50_000);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 20_000);
  private static final int LATENCY_RATE = Integer.getInteger("bench.latency.rate", 1000);
  private static final int LATENCY_SECONDS = Integer.getInteger("bench.latency.seconds", 20);
  private static final Duration HORIZON = Duration.ofDays(30);
  private static final long PREFILL = Long.getLong("bench.ledger.prefill", 0);
  private static final long EXPIRED = Long.getLong("bench.ledger.expired", PREFILL / 30);

  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestStack stack =
        TestStack.startWithoutTopics(Path.of("target", "bench-e2e"), TestStack.StackPorts.ANY);
    stack.provisionTopics();
    stack.sandbox().setLimits(1_000_000, 100_000_000);
    // A first start migrates the database; the backlog is then loaded with convgate stopped.
    int port = Ports.free();
    Path log = Path.of("target", "bench-e2e", "gateway.log");
    GatewayProcess.start(benchConfig(stack), port, log).stop();
    List<String> integrations = new ArrayList<>();
    for (int i = 0; i < INTEGRATIONS; i++) {
      String id = "bench-" + i;
      String key = "bench-key-" + i;
      stack.sandbox().addKey(key, id + "@example.com", 1_000_000, 100_000_000);
      stack.database().upsertIntegration(id, key, 1_000_000, 100_000_000);
      integrations.add(id);
    }
    double fillSeconds = 0;
    if (PREFILL > 0) {
      System.out.printf("ledger prefill: %,d rows (%,d past the horizon)...%n", PREFILL, EXPIRED);
      try {
        fillSeconds = LedgerFill.fill(stack.database(), PREFILL, EXPIRED, INTEGRATIONS, HORIZON);
      } catch (java.sql.SQLException | RuntimeException e) {
        e.printStackTrace(); // exec:java shows a failed main only once every thread has ended
        stack.close();
        System.exit(1);
      }
    }
    System.out.printf("cold start: %d events loaded, then convgate started...%n", WARMUP);
    produceBacklog(stack, integrations, "W-", WARMUP);
    // The gateway logs its collections, so the figures below can say how long it stood still.
    Path gcFile = Path.of("target", "bench-e2e", "gateway-gc.log").toAbsolutePath();
    Files.deleteIfExists(gcFile);
    System.setProperty(
        "bench.jvm.opts",
        (System.getProperty("bench.jvm.opts", "") + " " + GcLog.option(gcFile)).trim());
    GatewayProcess gateway =
        GatewayProcess.start(
            benchConfig(stack), Ports.free(), Path.of("target", "bench-e2e", "gateway.log"));
    waitFor(stack, WARMUP, Duration.ofMinutes(10));
    List<AcceptedRequest> cold = stack.sandbox().accepted();
    double coldSeconds = secondsBetweenFirstAndLast(cold);
    stack.sandbox().clearAccepted();
    long analysedAfter =
        Boolean.parseBoolean(System.getProperty("bench.ledger.wait", "false"))
            ? waitForLedgerStatistics(stack, Duration.ofMinutes(3))
            : -1;

    System.out.printf("phase 1: %d events produced at once to the running convgate...%n", EVENTS);
    Readings phase1Before = Readings.now(gateway.pid(), stack);
    long[] scansBefore = ledgerScans(stack);
    long phase1Start = System.currentTimeMillis();
    produceBacklog(stack, integrations, "B-", EVENTS);
    waitFor(stack, EVENTS, Duration.ofMinutes(10));
    long phase1End = System.currentTimeMillis();
    Readings phase1After = Readings.now(gateway.pid(), stack);
    TimeUnit.SECONDS.sleep(1); // backends publish their table statistics about once a second
    long[] scansAfter = ledgerScans(stack);
    List<AcceptedRequest> phase1 = stack.sandbox().accepted();
    double seconds = secondsBetweenFirstAndLast(phase1);
    double eventsPerSecond = EVENTS / seconds;
    MachineCpu machineBefore = phase1Before.machine();
    MachineCpu machineAfter = phase1After.machine();
    double convgateCpu = phase1After.gateway().cpuSeconds() - phase1Before.gateway().cpuSeconds();
    double convgateKernel =
        phase1After.gateway().kernelSeconds() - phase1Before.gateway().kernelSeconds();
    double harnessCpu = phase1After.harness().cpuSeconds() - phase1Before.harness().cpuSeconds();
    double harnessKernel =
        phase1After.harness().kernelSeconds() - phase1Before.harness().kernelSeconds();
    double postgresCpu = phase1After.postgres() - phase1Before.postgres();
    long txBefore = phase1Before.transactions();
    long txAfter = phase1After.transactions();

    System.out.printf("phase 2: %d events/s for %d s...%n", LATENCY_RATE, LATENCY_SECONDS);
    int latencyEvents = LATENCY_RATE * LATENCY_SECONDS;
    long phase2Start = System.currentTimeMillis();
    Readings phase2Before = Readings.now(gateway.pid(), stack);
    List<Long> added = latencyPhase(stack, integrations, "L-");
    long phase2End = System.currentTimeMillis();
    Readings phase2After = Readings.now(gateway.pid(), stack);
    RetentionPhase.Result retention = null;
    if (EXPIRED > 0) {
      System.out.printf(
          "phase 3: %d events/s for %d s while retention removes expired rows...%n",
          LATENCY_RATE, LATENCY_SECONDS);
      retention =
          RetentionPhase.during(
              stack.database(), HORIZON, () -> latencyPhase(stack, integrations, "R-"));
    }
    double bytesPerRow = LedgerFill.bytesPerRow(stack.database());
    long ledgerRows = stack.database().count("SELECT count(*) FROM delivery_ledger");
    ProcessStats end = ProcessStats.of(gateway.pid());
    gateway.stop();

    System.out.println("raw limits on the same machine and records...");
    double kafka = RawLimits.kafkaConsume(stack.bootstrapServers(), "billing.events", EVENTS);
    double postgres = RawLimits.postgresBatchedUpsert(stack.database(), 200_000);
    stack.sandbox().setRecording(false);
    double http = RawLimits.sandboxHttp(stack.sandbox(), "bench-key-0", Duration.ofSeconds(10));
    List<Long> hop = RawLimits.kafkaHopLatency(stack.bootstrapServers(), LATENCY_RATE, 10);
    double tightest = Math.min(kafka, Math.min(postgres, http));
    stack.close();

    System.out.println();
    System.out.println("=== convgate end-to-end benchmark ===");
    System.out.printf(
        Locale.ROOT,
        "events                     %d over %d integrations (limits lifted)%n",
        EVENTS,
        INTEGRATIONS);
    System.out.printf(
        Locale.ROOT,
        "ledger                     %,d rows prefilled (%,d past the horizon) in %.0f s; %,d rows"
            + " at the end, %.0f bytes per row on disk%n",
        PREFILL,
        EXPIRED,
        fillSeconds,
        ledgerRows,
        bytesPerRow);
    System.out.printf(
        Locale.ROOT,
        "throughput                 %.0f events/s (%.1f s, first to last call)%n",
        eventsPerSecond,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "  cold start               %.0f events/s (the first %d, JIT warm-up included)%n",
        WARMUP / coldSeconds,
        WARMUP);
    System.out.printf(
        Locale.ROOT,
        "added latency @ %d/s      p50 %d ms, p95 %d ms, p99 %d ms (%d events)%n",
        LATENCY_RATE,
        pct(added, 50),
        pct(added, 95),
        pct(added, 99),
        added.size());
    System.out.printf(
        Locale.ROOT,
        "convgate CPU               %.0f µs per event in phase 1 (%.1f s), %.1f s in all%n",
        convgateCpu / EVENTS * 1e6,
        convgateCpu,
        end.cpuSeconds());
    double machineBusy = machineAfter.busySecondsSince(machineBefore);
    double machinePerEvent = machineBusy / EVENTS * 1e6;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "machine CPU in phase 1     %.1f s busy in %.1f s on %d cores (%.0f %%): %.0f µs per event for"
            + " all processes (producer, broker, PostgreSQL, sandbox, convgate)%n",
        machineBusy,
        machineAfter.wallSecondsSince(machineBefore),
        cores,
        100 * machineBusy / (cores * machineAfter.wallSecondsSince(machineBefore)),
        machinePerEvent);
    System.out.printf(
        Locale.ROOT,
        "  of which                 convgate %.0f µs, broker + sandbox + producer (this JVM) %.0f µs,"
            + " PostgreSQL %.0f µs, the rest %.0f µs%n",
        convgateCpu / EVENTS * 1e6,
        harnessCpu / EVENTS * 1e6,
        postgresCpu / EVENTS * 1e6,
        (machineBusy - convgateCpu - harnessCpu - postgresCpu) / EVENTS * 1e6);
    System.out.printf(
        Locale.ROOT,
        "  in the kernel            convgate %.0f µs (%.0f %% of its CPU), this JVM %.0f µs (%.0f %%)%n",
        convgateKernel / EVENTS * 1e6,
        100 * convgateKernel / convgateCpu,
        harnessKernel / EVENTS * 1e6,
        100 * harnessKernel / harnessCpu);
    System.out.printf(
        Locale.ROOT,
        "  ceiling at that cost     %.0f events/s (%d cores / %.0f µs)%n",
        cores * 1e6 / machinePerEvent,
        cores,
        machinePerEvent);
    phase2After.printSince(phase2Before, latencyEvents, cores);
    if (retention != null) {
      retention.print(LATENCY_RATE);
    }
    if (analysedAfter >= 0) {
      System.out.printf(
          Locale.ROOT,
          "ledger statistics          analysed by autovacuum %d s after the cold start%n",
          analysedAfter);
    } else {
      System.out.println(
          "ledger statistics          not waited for: a young ledger, as in a new deployment");
    }
    System.out.printf(
        Locale.ROOT,
        "ledger scans in phase 1    %d sequential (%d rows read), %d by index%n",
        scansAfter[0] - scansBefore[0],
        scansAfter[1] - scansBefore[1],
        scansAfter[2] - scansBefore[2]);
    GcLog gc = GcLog.read(gcFile);
    printGc("phase 1", gc.between(phase1Start, phase1End), phase1End - phase1Start);
    printGc("phase 2", gc.between(phase2Start, phase2End), phase2End - phase2Start);
    System.out.printf(Locale.ROOT, "convgate peak RSS          %d MiB%n", end.peakRssKib() / 1024);
    System.out.printf(
        Locale.ROOT,
        "database transactions      %.3f per event in phase 1 (%d)%n",
        (txAfter - txBefore) / (double) EVENTS,
        txAfter - txBefore);
    System.out.printf(Locale.ROOT, "raw Kafka consume          %.0f records/s%n", kafka);
    System.out.printf(
        Locale.ROOT, "raw PostgreSQL upsert      %.0f rows/s (500 per statement)%n", postgres);
    System.out.printf(
        Locale.ROOT, "raw sandbox HTTP           %.0f requests/s (64 in flight)%n", http);
    System.out.printf(
        Locale.ROOT,
        "raw Kafka hop @ %d/s       p50 %d ms, p99 %d ms (produce to consume; convgate makes 2)%n",
        LATENCY_RATE,
        pct(hop, 50),
        pct(hop, 99));
    System.out.printf(Locale.ROOT, "convgate / tightest limit  %.2f%n", eventsPerSecond / tightest);
    System.exit(0);
  }

  private static void printGc(String phase, GcLog.Summary pauses, long phaseMillis) {
    System.out.printf(
        Locale.ROOT,
        "convgate GC in %s         %d young (%.0f ms), %d full (%.0f ms): stopped %.1f %% of %.1f s%n",
        phase,
        pauses.young(),
        pauses.youngMillis(),
        pauses.full(),
        pauses.fullMillis(),
        100 * pauses.stoppedMillis() / phaseMillis,
        phaseMillis / 1000.0);
  }

  /**
   * Produces LATENCY_RATE events/s for LATENCY_SECONDS and returns each one's added latency
   * (produce to the sandbox's arrival), sorted.
   */
  private static List<Long> latencyPhase(TestStack stack, List<String> integrations, String prefix)
      throws InterruptedException {
    stack.sandbox().clearAccepted();
    int latencyEvents = LATENCY_RATE * LATENCY_SECONDS;
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      long start = System.nanoTime();
      for (int n = 0; n < latencyEvents; n++) {
        long due = start + (long) (n * 1e9 / LATENCY_RATE);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        producer.send(
            record(integrations.get(n % INTEGRATIONS), prefix + n, System.currentTimeMillis()));
      }
      producer.flush();
    }
    waitFor(stack, latencyEvents, Duration.ofMinutes(5));
    List<Long> added = new ArrayList<>();
    for (AcceptedRequest request : stack.sandbox().accepted()) {
      String cart = request.body().path("cartId").asText("");
      if (cart.startsWith("t")) {
        added.add(request.receivedAt().toEpochMilli() - Long.parseLong(cart.substring(1)));
        if (Boolean.getBoolean("bench.trace")) {
          System.out.println(
              "TRACE " + cart.substring(1) + " " + request.receivedAt().toEpochMilli());
        }
      }
    }
    added.sort(Long::compare);
    return added;
  }

  private static void produceBacklog(
      TestStack stack, List<String> integrations, String prefix, int count) {
    try (KafkaProducer<byte[], byte[]> producer = Producers.create(stack.bootstrapServers())) {
      for (int n = 0; n < count; n++) {
        producer.send(record(integrations.get(n % INTEGRATIONS), prefix + n, 0));
      }
      producer.flush();
    }
  }

  private static double secondsBetweenFirstAndLast(List<AcceptedRequest> accepted) {
    return Duration.between(
                accepted.get(0).receivedAt(), accepted.get(accepted.size() - 1).receivedAt())
            .toMillis()
        / 1000.0;
  }

  /** CPU of the machine and of each process, and database transactions, at one moment. */
  private record Readings(
      MachineCpu machine,
      ProcessStats gateway,
      ProcessStats harness,
      double postgres,
      long transactions) {

    static Readings now(long gatewayPid, TestStack stack) {
      return new Readings(
          MachineCpu.now(),
          ProcessStats.of(gatewayPid),
          ProcessStats.of(ProcessHandle.current().pid()),
          ProcessStats.cpuSecondsOfCommand("postgres"),
          EndToEndBenchmark.transactions(stack));
    }

    /** The latency phase's line: CPU per event of the machine and each process. */
    void printSince(Readings before, int events, int cores) {
      double busy = machine.busySecondsSince(before.machine);
      double wall = machine.wallSecondsSince(before.machine);
      System.out.printf(
          Locale.ROOT,
          "machine CPU in phase 2     %.1f s busy in %.1f s (%.0f %%): %.0f µs per event; convgate"
              + " %.0f µs, this JVM %.0f µs, PostgreSQL %.0f µs; %.2f transactions per event%n",
          busy,
          wall,
          100 * busy / (cores * wall),
          busy / events * 1e6,
          (gateway.cpuSeconds() - before.gateway.cpuSeconds()) / events * 1e6,
          (harness.cpuSeconds() - before.harness.cpuSeconds()) / events * 1e6,
          (postgres - before.postgres) / events * 1e6,
          (transactions - before.transactions) / (double) events);
    }
  }

  private static Map<String, String> benchConfig(TestStack stack) {
    Map<String, String> config = new java.util.HashMap<>(stack.gatewayConfig());
    config.put("quarkus.log.category.\"io.convgate\".level", "WARN");
    // phase 3 runs the retention job's statements at a known time; the job's own timer would not
    config.put("convgate.retention.enabled", "false");
    return config;
  }

  private static ProducerRecord<byte[], byte[]> record(
      String integration, String saleId, long producedAt) {
    ObjectNode data = Events.sale(saleId, "b@example.com", "USD", "9.99", 1);
    if (producedAt > 0) {
      data.put("cartId", "t" + producedAt);
    }
    ObjectNode envelope =
        Events.envelope(
            "evt-" + saleId, "sale.completed", integration, "2026-11-22T08:00:00Z", data);
    return new ProducerRecord<>(
        "billing.events",
        saleId.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void waitFor(TestStack stack, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stack.sandbox().acceptedCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + stack.sandbox().acceptedCount()
                + " of "
                + count
                + " delivered in "
                + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /**
   * With {@code -Dbench.ledger.wait=true} the measured phases start once autovacuum has analysed
   * the ledger (after 1,000 changes, migration V4), as in a deployment older than a minute or two;
   * returns the seconds waited. By default they start at once: since migration V5 the outcome
   * update is planned by key without statistics (decision 0022), and a young ledger is the harder
   * case.
   */
  private static long waitForLedgerStatistics(TestStack stack, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    while (stack
            .database()
            .count(
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'delivery_ledger'"
                    + " AND (last_autoanalyze IS NOT NULL OR last_analyze IS NOT NULL)")
        == 0) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new IllegalStateException("autovacuum did not analyse the ledger in " + timeout);
      }
      TimeUnit.SECONDS.sleep(1);
    }
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
  }

  /** The ledger's sequential scans, rows they read, and index scans so far. */
  private static long[] ledgerScans(TestStack stack) {
    List<Object> row =
        stack
            .database()
            .rows(
                "SELECT coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), coalesce(idx_scan, 0)"
                    + " FROM pg_stat_user_tables WHERE relname = 'delivery_ledger'")
            .get(0);
    return row.stream().mapToLong(value -> ((Number) value).longValue()).toArray();
  }

  private static long transactions(TestStack stack) {
    return stack
        .database()
        .count(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'convgate'");
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
