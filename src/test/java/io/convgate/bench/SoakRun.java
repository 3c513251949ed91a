package io.convgate.bench;

import static io.convgate.testkit.DeadLetterReader.header;

import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.Producers;
import io.convgate.testkit.RecoveryTimes;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.AcceptedRequest;
import io.convgate.testkit.sandbox.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Soak: convgate as a separate process under a stream of events, killed with SIGKILL at random
 * moments and restarted, the broker restarted once and PostgreSQL once, while the sandbox injects
 * 429s, 5xx, slow answers and connection resets. At the end it reconciles: every unique event
 * delivered or dead-lettered, none lost, repeats counted and compared with the in-doubt claims.
 */
public final class SoakRun {

  private static final int EVENTS = Integer.getInteger("soak.events", 50_000);
  private static final int INTEGRATIONS = Integer.getInteger("soak.integrations", 50);
  private static final int KILLS = Integer.getInteger("soak.kills", 10);
  private static final int RATE = Integer.getInteger("soak.rate", 300);

  /** Seconds from one kill to the next; 0 (the default) for random moments. */
  private static final int KILL_EVERY = Integer.getInteger("soak.kill-every", 0);

  /** The gateway's stable instance id (decision 0036); empty for dynamic membership. */
  private static final String INSTANCE_ID = System.getProperty("soak.instance-id", "soak-gateway");

  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    Random random = new Random(7);
    TestStack stack =
        TestStack.startWithoutTopics(Path.of("target", "soak"), TestStack.StackPorts.ANY);
    int port = Ports.free();
    Path log = Path.of("target", "soak", "gateway.log");
    Map<String, String> config = new HashMap<>(stack.gatewayConfig());
    config.put("convgate.membership.instance-id", INSTANCE_ID);
    GatewayProcess[] gateway = {GatewayProcess.start(config, port, log)};
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < INTEGRATIONS; i++) {
      tenants.add(Tenants.create(stack, "soak", null, null));
    }
    Set<String> keys = tenants.stream().map(Tenant::apiKey).collect(Collectors.toSet());
    Instant faultsEnd = Instant.now().plusSeconds(EVENTS / RATE);
    stack.sandbox().inject(Fault.randomly(0.01, 429, Duration.ZERO, false, faultsEnd));
    stack.sandbox().inject(Fault.randomly(0.01, 503, Duration.ZERO, false, faultsEnd));
    stack.sandbox().inject(Fault.randomly(0.005, 0, Duration.ofSeconds(20), false, faultsEnd));
    stack.sandbox().inject(Fault.randomly(0.005, 0, Duration.ZERO, true, faultsEnd));

    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer =
        new Thread(
            () -> {
              try (KafkaProducer<byte[], byte[]> kafka =
                  Producers.create(stack.bootstrapServers())) {
                long start = System.nanoTime();
                for (int n = 0; n < EVENTS; n++) {
                  long wait = start + (long) (n * 1e9 / RATE) - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  Tenant tenant = tenants.get(n % INTEGRATIONS);
                  sendWithRetry(kafka, Tenants.sale(tenant, "S-" + n));
                  if (n % 20 == 0) {
                    sendWithRetry(kafka, Tenants.sale(tenant, "S-" + n));
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                producing.set(false);
              }
            });
    producer.start();

    long chaosEvery = (long) (EVENTS / (double) RATE / (KILLS + 1) * 1000);
    List<Instant> kills = new ArrayList<>();
    List<String> killLabels = new ArrayList<>();
    for (int k = 1; k <= KILLS; k++) {
      if (KILL_EVERY > 0) {
        Instant next =
            kills.isEmpty()
                ? Instant.now().plusSeconds(KILL_EVERY)
                : kills.get(kills.size() - 1).plusSeconds(KILL_EVERY);
        TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
      } else {
        TimeUnit.MILLISECONDS.sleep(chaosEvery / 2 + random.nextInt((int) chaosEvery));
      }
      gateway[0].kill();
      kills.add(Instant.now());
      String label = "SIGKILL " + k;
      System.out.printf("chaos: SIGKILL %d of %d%n", k, KILLS);
      if (k == KILLS / 3) {
        stack.embeddedKafka().stop();
        TimeUnit.SECONDS.sleep(2);
        stack.embeddedKafka().start();
        System.out.println("chaos: broker restarted");
        label += " (and the broker restarted)";
      }
      if (k == 2 * KILLS / 3) {
        stack.embeddedPostgres().restart();
        System.out.println("chaos: PostgreSQL restarted");
        label += " (and PostgreSQL restarted)";
      }
      killLabels.add(label);
      gateway[0] = GatewayProcess.start(config, port, log);
    }
    producer.join();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    Set<String> delivered = new HashSet<>();
    Set<String> deadLettered = new HashSet<>();
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      while (System.nanoTime() < deadline) {
        delivered = deliveredOrders(stack, keys);
        deadLettered =
            reader.matching(r -> header(r, "convgate-event-id") != null).stream()
                .map(r -> header(r, "convgate-event-id").replace("evt-", ""))
                .collect(Collectors.toSet());
        Set<String> done = new HashSet<>(delivered);
        done.addAll(deadLettered);
        if (done.size() >= EVENTS) {
          break;
        }
        TimeUnit.SECONDS.sleep(2);
      }
    }
    TimeUnit.SECONDS.sleep(5);
    List<AcceptedRequest> received = received(stack, keys);
    List<String> recoveries = new ArrayList<>();
    for (int k = 0; k < kills.size(); k++) {
      Instant until = k + 1 < kills.size() ? kills.get(k + 1) : Instant.now();
      recoveries.add(
          RecoveryTimes.after(received, kills.get(k), until).describe(killLabels.get(k)));
    }
    Map<String, Long> perOrder = AcceptedRequest.countByOrder(received);
    long repeats = perOrder.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    long inDoubt =
        stack.database().count("SELECT coalesce(sum(in_doubt_count), 0) FROM delivery_ledger");
    long parked = stack.database().count("SELECT count(*) FROM parked_deliveries");
    Set<String> lost = new HashSet<>();
    for (int n = 0; n < EVENTS; n++) {
      if (!perOrder.containsKey("S-" + n) && !deadLettered.contains("S-" + n)) {
        lost.add("S-" + n);
      }
    }
    gateway[0].stop();
    stack.close();
    System.out.println();
    System.out.println("=== convgate soak ===");
    System.out.printf(
        Locale.ROOT,
        "events                     %d unique (+%d re-sent by the producer) over %d integrations at %d/s%n",
        EVENTS,
        EVENTS / 20,
        INTEGRATIONS,
        RATE);
    System.out.printf(
        Locale.ROOT,
        "chaos                      %d SIGKILLs, 1 broker restart, 1 PostgreSQL restart; 1%% 429, 1%% 503, 0.5%% 20 s stalls, 0.5%% resets%n",
        KILLS);
    System.out.printf(
        Locale.ROOT, "delivered                  %d unique orders%n", perOrder.size());
    System.out.printf(Locale.ROOT, "dead-lettered              %d%n", deadLettered.size());
    System.out.printf(
        Locale.ROOT,
        "lost                       %d%s%n",
        lost.size(),
        lost.isEmpty() ? "" : " e.g. " + lost.stream().limit(5).toList());
    System.out.printf(
        Locale.ROOT,
        "reached Hyros twice        %d (in-doubt claims in the ledger: %d)%n",
        repeats,
        inDoubt);
    System.out.printf(Locale.ROOT, "still parked               %d%n", parked);
    System.out.printf(
        Locale.ROOT,
        "membership                 %s, kills %s%n",
        INSTANCE_ID.isEmpty() ? "dynamic" : "static (" + INSTANCE_ID + ")",
        KILL_EVERY > 0 ? KILL_EVERY + " s apart" : "at random moments");
    recoveries.forEach(System.out::println);
    System.exit(lost.isEmpty() ? 0 : 1);
  }

  private static void sendWithRetry(
      KafkaProducer<byte[], byte[]> kafka,
      org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record)
      throws InterruptedException {
    while (true) {
      try {
        kafka.send(record).get(60, TimeUnit.SECONDS);
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        TimeUnit.SECONDS.sleep(1);
      }
    }
  }

  private static List<AcceptedRequest> received(TestStack stack, Set<String> keys) {
    return stack.sandbox().deliveries(keys);
  }

  private static Set<String> deliveredOrders(TestStack stack, Set<String> keys) {
    return received(stack, keys).stream().map(AcceptedRequest::orderId).collect(Collectors.toSet());
  }
}
