package io.convgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void tasksRunUntilTheApplicationStopsAndNeverAfter() throws Exception {
    Periodic periodic = new Periodic(vertx);
    AtomicInteger lag = new AtomicInteger();
    AtomicInteger gauges = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(3);
    periodic.every(Duration.ofMillis(5), lag::incrementAndGet);
    periodic.every(
        Duration.ofMillis(5),
        () -> {
          gauges.incrementAndGet();
          running.countDown();
        });
    assertThat(running.await(5, TimeUnit.SECONDS)).as("the tasks tick").isTrue();

    periodic.onStop(null);
    TimeUnit.MILLISECONDS.sleep(20); // a tick already running on an event loop ends
    int[] atStop = {lag.get(), gauges.get()};
    TimeUnit.MILLISECONDS.sleep(100); // twenty periods
    assertThat(lag.get()).as("no tick after the stop").isEqualTo(atStop[0]);
    assertThat(gauges.get()).as("no tick after the stop").isEqualTo(atStop[1]);
  }
}
