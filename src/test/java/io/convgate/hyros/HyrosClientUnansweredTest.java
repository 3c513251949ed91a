package io.convgate.hyros;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.destination.OutboundCall;
import io.convgate.destination.Unanswered;
import io.convgate.testkit.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A call without an answer says whether Hyros may have received it: only a request written in full
 * can have been; one refused before sending cannot (and sending it again repeats nothing).
 */
@Execution(ExecutionMode.CONCURRENT)
class HyrosClientUnansweredTest {

  private static final OutboundCall ORDER =
      new OutboundCall(
          HyrosOperation.CREATE_ORDER.name(),
          null,
          null,
          "{\"email\":\"a@example.com\",\"items\":[]}".getBytes(StandardCharsets.UTF_8));

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void aRefusedConnectionWasNotSent() {
    CallResult result = send(Ports.free());

    assertThat(result.status()).isZero();
    assertThat(result.unanswered()).isEqualTo(Unanswered.NOT_SENT);
    assertThat(result.mayHaveArrived()).isFalse();
  }

  @Test
  void aRequestWrittenAndNeverAnsweredTimedOut() throws Exception {
    int port = serve(request -> {}); // reads the request, never answers

    CallResult result = send(port);

    assertThat(result.status()).isZero();
    assertThat(result.unanswered()).isEqualTo(Unanswered.TIMEOUT);
    assertThat(result.mayHaveArrived()).isTrue();
  }

  @Test
  void aConnectionClosedAfterTheRequestWasLost() throws Exception {
    int port = serve(request -> request.end().onComplete(done -> request.connection().close()));

    CallResult result = send(port);

    assertThat(result.status()).isZero();
    assertThat(result.unanswered()).isEqualTo(Unanswered.CONNECTION_LOST);
    assertThat(result.mayHaveArrived()).isTrue();
  }

  @Test
  void anAnsweredCallIsNotUnanswered() throws Exception {
    int port =
        serve(request -> request.response().setStatusCode(503).end("{\"message\":[\"down\"]}"));

    CallResult result = send(port);

    assertThat(result.status()).isEqualTo(503);
    assertThat(result.unanswered()).isNull();
    assertThat(result.mayHaveArrived()).isFalse();
  }

  private CallResult send(int port) {
    HyrosClient client =
        new HyrosClient(null, new ObjectMapper(), vertx, "http://127.0.0.1:" + port, 1000, 500, 2);
    try {
      return client.send("key", ORDER).await().atMost(Duration.ofSeconds(10));
    } finally {
      client.close();
    }
  }

  private int serve(Consumer<HttpServerRequest> handler) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(handler::accept);
    return server
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .actualPort();
  }
}
