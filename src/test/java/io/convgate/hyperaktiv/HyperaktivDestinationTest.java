package io.convgate.hyperaktiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.destination.CallResult;
import io.convgate.destination.Destination.SettingProblem;
import io.convgate.destination.FailureClass;
import io.convgate.destination.HttpSender;
import io.convgate.destination.MappedCall;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.LeadData;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.hyperaktiv.HyperaktivSandbox;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Hyperaktiv plug-in on its own, against the Hyperaktiv sandbox: what it takes, its settings,
 * its mapping, and what its client makes of the answers (a ref that needs encoding, 401, 429 with
 * {@code Retry-After}, 503, nobody listening).
 */
@Execution(ExecutionMode.CONCURRENT)
class HyperaktivDestinationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx = Vertx.vertx();
  private final HyperaktivSandbox sandbox = new HyperaktivSandbox().start(0);

  @AfterEach
  void close() {
    sandbox.close();
    vertx.close();
  }

  private HyperaktivDestination destination(String url) {
    HyperaktivConfig config = config(url);
    return new HyperaktivDestination(new HyperaktivClient(config, JSON, vertx), config, JSON);
  }

  @Test
  void takesLeadsOnlyAndMapsThemAsTheMapperDoes() throws Exception {
    HyperaktivDestination destination = destination(sandbox.baseUrl());
    assertThat(destination.kind()).isEqualTo("hyperaktiv");
    assertThat(destination.takes()).containsExactly(EventType.LEAD_UPSERTED);
    assertThat(destination.keyCheck()).isEmpty();
    assertThat(destination.defaultLimits().requestsPerSecond()).isEqualTo(5);
    assertThat(destination.defaultLimits().requestsPerMinute()).isEqualTo(120);

    ObjectNode data =
        JSON.createObjectNode().put("email", "Ada@Example.com").put("firstName", "Ada");
    MappedCall mapped = destination.map(event("evt-1", EventType.LEAD_UPSERTED, data));
    assertThat(mapped.idempotencyKey()).isEqualTo("lead:evt-1");
    assertThat(mapped.orderingKey()).isEqualTo("contact:ada@example.com");
    assertThat(JSON.readTree(mapped.call().body()))
        .isEqualTo(
            JSON.valueToTree(
                HyperaktivMapper.lead("evt-1", "crm/test", JSON.treeToValue(data, LeadData.class))
                    .body()));
    assertThat(destination.complete(mapped.call())).isTrue();

    ObjectNode phoneOnly = JSON.createObjectNode();
    phoneOnly.putArray("phoneNumbers").add("+15550100");
    assertThatThrownBy(() -> destination.map(event("evt-2", EventType.LEAD_UPSERTED, phoneOnly)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("email");
    assertThatThrownBy(() -> destination.map(event("evt-3", EventType.SALE_COMPLETED, data)))
        .isInstanceOf(InvalidEventException.class);
  }

  @Test
  void refIsRequiredBoundedAndTheOnlySetting() {
    HyperaktivDestination destination = destination(sandbox.baseUrl());
    assertThat(destination.checkSettings(Map.of("ref", "abc-123"))).isEmpty();
    assertThat(destination.checkSettings(Map.of("ref", "a b/c?d=é"))).isEmpty();
    assertThat(destination.checkSettings(Map.of()))
        .extracting(SettingProblem::setting)
        .containsExactly("ref");
    assertThat(destination.checkSettings(Map.of("ref", "  "))).hasSize(1);
    assertThat(destination.checkSettings(Map.of("ref", " padded"))).hasSize(1);
    assertThat(destination.checkSettings(Map.of("ref", "line\nbreak"))).hasSize(1);
    assertThat(destination.checkSettings(Map.of("ref", "x".repeat(201)))).hasSize(1);
    assertThat(destination.checkSettings(Map.of("ref", "ok", "funnel", "x")))
        .extracting(SettingProblem::setting)
        .containsExactly("funnel");
  }

  @Test
  void sendsWithTheBearerKeyToTheEncodedRefAndReadsEachAnswer() throws Exception {
    HyperaktivDestination destination = destination(sandbox.baseUrl() + "/");
    String ref = "origin one/é&x=1";
    sandbox.addWorkspace("key-1", ref);
    ObjectNode data = JSON.createObjectNode().put("email", "ada@example.com");
    MappedCall mapped = destination.map(event("evt-1", EventType.LEAD_UPSERTED, data));

    CallResult ok = send(destination, "key-1", ref, mapped);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.requestId()).startsWith("lead-");
    assertThat(destination.classify(ok)).isEqualTo(FailureClass.SUCCESS);
    assertThat(sandbox.leads("key-1", ref)).hasSize(1);

    CallResult wrongKey = send(destination, "key-2", ref, mapped);
    assertThat(wrongKey.status()).isEqualTo(401);
    assertThat(destination.classify(wrongKey)).isEqualTo(FailureClass.AUTH);
    assertThat(wrongKey.messages()).isNotEmpty().noneMatch(m -> m.contains("key-2"));

    CallResult unknownRef = send(destination, "key-1", "other", mapped);
    assertThat(unknownRef.status()).isEqualTo(404);
    assertThat(destination.classify(unknownRef)).isEqualTo(FailureClass.PERMANENT);

    sandbox.injectedRetryAfter(Duration.ofSeconds(7));
    sandbox.inject(Fault.times("key-1", 429, 1));
    CallResult busy = send(destination, "key-1", ref, mapped);
    assertThat(busy.status()).isEqualTo(429);
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(destination.classify(busy)).isEqualTo(FailureClass.RETRYABLE);

    sandbox.inject(Fault.times("key-1", 503, 1));
    assertThat(destination.classify(send(destination, "key-1", ref, mapped)))
        .isEqualTo(FailureClass.RETRYABLE);

    CallResult noRef = send(destination, "key-1", null, mapped);
    assertThat(destination.classify(noRef)).isEqualTo(FailureClass.PERMANENT);
    assertThat(sandbox.leads("key-1", ref)).hasSize(1);
  }

  @Test
  void nobodyListeningIsAnUnansweredCallThatCannotHaveArrived() throws Exception {
    int port = io.convgate.testkit.Ports.free();
    HyperaktivDestination destination = destination("http://127.0.0.1:" + port);
    ObjectNode data = JSON.createObjectNode().put("email", "ada@example.com");
    CallResult result =
        send(destination, "key-1", "r", destination.map(event("e", EventType.LEAD_UPSERTED, data)));
    assertThat(result.status()).isZero();
    assertThat(result.mayHaveArrived()).isFalse();
    assertThat(destination.classify(result)).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsADate() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    assertThat(HttpSender.retryAfter("3", clock)).isEqualTo(Duration.ofSeconds(3));
    assertThat(HttpSender.retryAfter("Sat, 05 Dec 2026 10:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpSender.retryAfter("Sat, 05 Dec 2026 09:00:00 GMT", clock))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpSender.retryAfter("soon", clock)).isNull();
    assertThat(HttpSender.retryAfter("-1", clock)).isNull();
    assertThat(HttpSender.retryAfter(null, clock)).isNull();
    assertThat(HttpSender.encode("a b/é~")).isEqualTo("a%20b%2F%C3%A9~");
  }

  private static CallResult send(
      HyperaktivDestination destination, String key, String ref, MappedCall mapped)
      throws Exception {
    Map<String, String> settings = ref == null ? Map.of() : Map.of("ref", ref);
    return destination
        .send(key, settings, mapped.call())
        .subscribeAsCompletionStage()
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static ConversionEvent event(String id, EventType type, ObjectNode data) {
    return new ConversionEvent(
        id, "crm/test", type, OffsetDateTime.parse("2026-12-05T10:00:00Z"), null, null, data);
  }

  private static HyperaktivConfig config(String url) {
    return new HyperaktivConfig() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public int requestsPerSecond() {
        return 5;
      }

      @Override
      public int requestsPerMinute() {
        return 120;
      }

      @Override
      public Duration connectTimeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public Duration readTimeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public int connectionPoolSize() {
        return 2;
      }
    };
  }
}
