package io.convgate.bench;

import io.convgate.testkit.Database;
import io.convgate.testkit.sandbox.HyrosSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The raw limits of this machine, measured on the same records and services as convgate. */
final class RawLimits {

  private RawLimits() {}

  /**
   * Reads a topic from the start with a plain consumer (partitions assigned, no group to join):
   * records per second, from the first poll to the last record.
   */
  static double kafkaConsume(String bootstrap, String topic, int expected) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                "2000"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(120);
      while (read < expected && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      return read / ((System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * The latency floor of one Kafka hop on this broker: records produced at {@code rate} per second
   * (the benchmark producer's settings) to a fresh topic and read by a plain consumer polling in a
   * loop; per record, the time from {@code send} to the consumer holding it, in milliseconds,
   * sorted.
   */
  static List<Long> kafkaHopLatency(String bootstrap, int rate, int seconds) throws Exception {
    String topic = "bench-hop-" + UUID.randomUUID();
    try (var admin =
        org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
          .all()
          .get();
    }
    int total = rate * seconds;
    List<Long> latencies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-hop-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      Thread producing =
          new Thread(
              () -> {
                try (var producer = io.convgate.testkit.Producers.create(bootstrap)) {
                  long start = System.nanoTime();
                  for (int n = 0; n < total; n++) {
                    long due = start + (long) (n * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    byte[] sentAt = Long.toString(System.nanoTime()).getBytes();
                    producer.send(
                        new org.apache.kafka.clients.producer.ProducerRecord<>(
                            topic, sentAt, new byte[400]));
                  }
                  producer.flush();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      producing.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30);
      while (latencies.size() < total && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          long sentAt = Long.parseLong(new String(record.key()));
          latencies.add((System.nanoTime() - sentAt) / 1_000_000);
        }
      }
      producing.join();
    }
    List<Long> sorted = new java.util.ArrayList<>(latencies);
    sorted.sort(Long::compare);
    return sorted;
  }

  /** INSERT ... ON CONFLICT DO NOTHING, 500 rows per statement, one connection: rows per second. */
  static double postgresBatchedUpsert(Database db, int rows) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_upsert (k text PRIMARY KEY, v text NOT NULL)");
      s.execute("TRUNCATE bench_upsert");
      String sql =
          "INSERT INTO bench_upsert (k, v) SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT DO NOTHING";
      long start = System.nanoTime();
      try (PreparedStatement insert = c.prepareStatement(sql)) {
        for (int done = 0; done < rows; done += 500) {
          String[] keys = new String[500];
          String[] values = new String[500];
          for (int i = 0; i < 500; i++) {
            keys[i] = "k-" + (done + i);
            values[i] = "DELIVERED";
          }
          insert.setArray(1, c.createArrayOf("text", keys));
          insert.setArray(2, c.createArrayOf("text", values));
          insert.executeUpdate();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      s.execute("DROP TABLE bench_upsert");
      return rows / seconds;
    }
  }

  /**
   * POSTs valid orders to the sandbox with 64 requests in flight for a while: requests per second.
   */
  static double sandboxHttp(HyrosSandbox sandbox, String apiKey, Duration duration)
      throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient client =
          vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
      Buffer body =
          Buffer.buffer(
              "{\"email\":\"bench@example.com\",\"orderId\":\"bench\",\"items\":[{\"name\":\"Bench item\",\"price\":1.5}]}");
      AtomicLong done = new AtomicLong();
      AtomicInteger inFlight = new AtomicInteger();
      long end = System.nanoTime() + duration.toNanos();
      CountDownLatch finished = new CountDownLatch(64);
      for (int i = 0; i < 64; i++) {
        loop(client, sandbox, apiKey, body, done, end, finished, inFlight);
      }
      finished.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
      return done.get() / (duration.toNanos() / 1e9);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static void loop(
      HttpClient client,
      HyrosSandbox sandbox,
      String apiKey,
      Buffer body,
      AtomicLong done,
      long end,
      CountDownLatch finished,
      AtomicInteger inFlight) {
    if (System.nanoTime() >= end) {
      finished.countDown();
      return;
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(sandbox.port())
            .setURI(HyrosSandbox.API_PREFIX + "/orders")
            .putHeader("API-Key", apiKey)
            .putHeader("Content-Type", "application/json");
    client
        .request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body())
        .onComplete(
            result -> {
              if (result.succeeded()) {
                done.incrementAndGet();
              }
              loop(client, sandbox, apiKey, body, done, end, finished, inFlight);
            });
  }
}
