package io.convgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.ContactRule;
import io.convgate.event.ConversionEvent;
import io.convgate.event.CurrencyRule;
import io.convgate.event.EventDecoder;
import io.convgate.event.InvalidEventException;
import io.convgate.event.SchemaCatalog;
import io.convgate.hyros.TestDestinations;
import io.convgate.ingest.CommandFactory;
import io.convgate.pipeline.CommandCodec;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.testkit.Events;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ingest stage's own work per event, without Kafka, PostgreSQL or HTTP: reading and checking
 * the envelope and its data (decode), mapping it to a Hyros call (map) and writing the internal
 * topic's record (encode), on one thread. Prints CPU time and bytes allocated per event for each
 * step, on the same events as the end-to-end benchmark. Run it in a JVM configured like the
 * gateway's (C1 only, as {@code .mvn/jvm.config} sets for {@code exec:java}).
 */
public final class IngestPathBenchmark {

  private static final int EVENTS = 20_000;
  private static final int WARM_UP_ROUNDS = 15;
  private static final int MEASURED_ROUNDS = 10;

  private IngestPathBenchmark() {}

  public static void main(String[] args) throws InvalidEventException {
    EventDecoder decoder =
        new EventDecoder(
            Events.JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));
    CommandFactory factory = new CommandFactory(TestDestinations.with(Events.JSON));
    List<OriginalRecord> records = records();

    Step decode = new Step("decode (parse, schema, rules)");
    Step map = new Step("map (Hyros call and body)");
    Step encode = new Step("encode (internal record)");
    for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
      boolean measured = round >= WARM_UP_ROUNDS;
      List<ConversionEvent> events = new ArrayList<>(EVENTS);
      decode.start();
      for (OriginalRecord record : records) {
        events.add(decoder.decode(record.value(), record.headers()));
      }
      decode.stop(measured);
      List<DeliveryCommand> commands = new ArrayList<>(EVENTS);
      map.start();
      for (int i = 0; i < EVENTS; i++) {
        commands.add(factory.createForKind(events.get(i), "hyros", records.get(i)));
      }
      map.stop(measured);
      long bytes = 0;
      encode.start();
      for (DeliveryCommand command : commands) {
        bytes += CommandCodec.encode(command).length;
      }
      encode.stop(measured);
      if (bytes == 0) {
        throw new IllegalStateException("nothing encoded");
      }
    }

    int measuredEvents = EVENTS * MEASURED_ROUNDS;
    System.out.printf(
        Locale.ROOT,
        "%n=== convgate ingest path, one thread, %d events x %d rounds after %d warm-up rounds ===%n",
        EVENTS,
        MEASURED_ROUNDS,
        WARM_UP_ROUNDS);
    Step total = new Step("total");
    for (Step step : List.of(decode, map, encode)) {
      step.print(measuredEvents);
      total.cpuNanos += step.cpuNanos;
      total.allocated += step.allocated;
    }
    total.print(measuredEvents);
  }

  /** The records the end-to-end benchmark produces: one sale each, over 50 integrations. */
  private static List<OriginalRecord> records() {
    List<OriginalRecord> records = new ArrayList<>(EVENTS);
    for (int n = 0; n < EVENTS; n++) {
      String saleId = "B-" + n;
      ObjectNode data = Events.sale(saleId, "b@example.com", "USD", "9.99", 1);
      ObjectNode envelope =
          Events.envelope(
              "evt-" + saleId, "sale.completed", "bench-" + (n % 50), "2026-11-22T08:00:00Z", data);
      records.add(
          new OriginalRecord(
              "billing.events",
              n % 12,
              n,
              saleId.getBytes(StandardCharsets.UTF_8),
              envelope.toString().getBytes(StandardCharsets.UTF_8),
              HeaderList.EMPTY));
    }
    return records;
  }

  /** CPU time and allocation of one step, summed over the measured rounds. */
  private static final class Step {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final String name;
    private long cpuNanos;
    private long allocated;
    private long cpuAtStart;
    private long allocatedAtStart;

    Step(String name) {
      this.name = name;
    }

    void start() {
      allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
      cpuAtStart = THREADS.getCurrentThreadCpuTime();
    }

    void stop(boolean measured) {
      long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
      long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
      if (measured) {
        cpuNanos += cpu;
        allocated += bytes;
      }
    }

    void print(int events) {
      System.out.printf(
          Locale.ROOT,
          "%-32s %6.1f µs CPU, %6.1f KB allocated per event%n",
          name,
          cpuNanos / 1000.0 / events,
          allocated / 1024.0 / events);
    }
  }
}
