package io.convgate.bench;

import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.Windows;
import io.convgate.testkit.sandbox.AcceptedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Rate-limit benchmark at Hyros' real limits (30 requests per second and 1,000 per minute, the
 * sandbox's and convgate's defaults): one integration with a backlog larger than the run, for at
 * least three minutes. Prints violations of either window (must be 0), 429s, and the share of the
 * binding (per-minute) limit used.
 */
public final class RateLimitBenchmark {

  private static final int MINUTE_LIMIT = 1000;
  private static final int SECOND_LIMIT = 30;

  private RateLimitBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration run = Duration.ofSeconds(Long.getLong("bench.seconds", 210));
    TestStack stack =
        TestStack.startWithoutTopics(
            Path.of("target", "bench-ratelimit"), TestStack.StackPorts.ANY);
    stack.provisionTopics();
    // The gateway migrates the database at start-up: start it before creating the integration.
    GatewayProcess gateway =
        GatewayProcess.start(
            stack.gatewayConfig(),
            Ports.free(),
            Path.of("target", "bench-ratelimit", "gateway.log"));
    Tenants.Tenant tenant = Tenants.create(stack, "real-limits", null, null);
    int backlog = (int) (run.toSeconds() / 60.0 * MINUTE_LIMIT) + 2 * MINUTE_LIMIT;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < backlog; i++) {
      records.add(Tenants.sale(tenant, "RL-" + i));
    }
    Tenants.produce(stack, records);
    System.out.printf(
        "backlog of %d events; running %d s at 30/s and 1,000/min...%n", backlog, run.toSeconds());
    TimeUnit.MILLISECONDS.sleep(run.toMillis());
    List<Instant> arrivals =
        tenant.received(stack).stream().map(AcceptedRequest::receivedAt).toList();
    int tooMany = stack.sandbox().tooManyRequests(tenant.apiKey());
    gateway.stop();
    stack.close();

    Instant first = arrivals.get(0);
    Instant last = arrivals.get(arrivals.size() - 1);
    double minShare = Double.MAX_VALUE;
    double sumShare = 0;
    int windows = 0;
    for (Instant from = first;
        !from.plus(Duration.ofMinutes(1)).isAfter(last);
        from = from.plusSeconds(1)) {
      double share = Windows.count(arrivals, from, Duration.ofMinutes(1)) / (double) MINUTE_LIMIT;
      minShare = Math.min(minShare, share);
      sumShare += share;
      windows++;
    }
    int densestSecond = Windows.densest(arrivals, Duration.ofSeconds(1));
    int densestMinute = Windows.densest(arrivals, Duration.ofMinutes(1));
    System.out.println();
    System.out.println("=== convgate rate-limit benchmark (Hyros' real limits) ===");
    System.out.printf(
        Locale.ROOT,
        "run                        %.0f s, %d calls accepted%n",
        Duration.between(first, last).toMillis() / 1000.0,
        arrivals.size());
    System.out.printf(
        Locale.ROOT, "densest 1 s / limit        %d / %d%n", densestSecond, SECOND_LIMIT);
    System.out.printf(
        Locale.ROOT, "densest 60 s / limit       %d / %d%n", densestMinute, MINUTE_LIMIT);
    System.out.printf(
        Locale.ROOT,
        "window violations          %d%n",
        (densestSecond > SECOND_LIMIT ? 1 : 0) + (densestMinute > MINUTE_LIMIT ? 1 : 0));
    System.out.printf(Locale.ROOT, "429 answers                %d%n", tooMany);
    System.out.printf(
        Locale.ROOT,
        "share of per-minute limit  min %.1f%%, mean %.1f%% over %d sliding minutes%n",
        100 * minShare,
        100 * sumShare / windows,
        windows);
    System.exit(0);
  }
}
