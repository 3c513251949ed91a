package io.convgate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.DeadLetterReader;
import io.convgate.testkit.Events;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.Ports;
import io.convgate.testkit.ProcessLanes;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The secrets scan: the packaged gateway runs with DEBUG logging through everything that handles a
 * secret — integrations created, connected by code and re-keyed, a key Hyros refuses, a dead
 * letter, gateway keys created and used, events posted over HTTP — and no Hyros key and no gateway
 * key may appear in its log, in any API answer (except the one that creates a gateway key), in the
 * dead-letter topic or in the metrics.
 */
// The process tests start longest first (testkit/LaneOrder, decision 0063).
@Order(7)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(ProcessLanes.Lane.class)
class SecretsScanIT {

  private static TestStack stack;

  @BeforeAll
  static void startStack() {
    stack = TestStack.startWithoutTopics(Path.of("target", "it-secrets"), TestStack.StackPorts.ANY);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @Test
  void noSecretAppearsInLogsResponsesDeadLettersOrMetrics() throws IOException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path log = Path.of("target", "it-secrets", "gateway-" + run + ".log");
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.put("quarkus.log.level", "DEBUG");
    config.put("quarkus.log.category.\"io.convgate\".level", "DEBUG");
    config.put("quarkus.log.category.\"org.apache.kafka\".level", "INFO");
    config.put("quarkus.log.category.\"kafka\".level", "INFO");
    int port = Ports.free();
    List<String> secrets = new ArrayList<>(List.of(TestStack.ADMIN_KEY));
    StringBuilder answers = new StringBuilder();

    GatewayProcess gateway = GatewayProcess.startAtLowPriority(config, port, log);
    try {
      Admin admin = Admin.at(gateway.baseUrl(), TestStack.ADMIN_KEY);
      String integration = "secret-" + run;
      String first = "hyros-first-" + UUID.randomUUID();
      String rotated = "hyros-rotated-" + UUID.randomUUID();
      secrets.addAll(List.of(first, rotated));
      stack.sandbox().addKey(first, "secrets@example.com");
      answers.append(
          admin
              .post("/api/v1/integrations", Map.of("id", integration, "hyrosApiKey", first))
              .asString());

      Response created =
          admin.post(
              "/api/v1/api-keys",
              Map.of(
                  "name", "producer",
                  "kind", "RESTRICTED",
                  "permissions", List.of("events:write"),
                  "ownerType", "MACHINE",
                  "owner", "billing"));
      String producerKey = created.path("secret");
      secrets.add(producerKey);
      Admin producer = admin.withKey(producerKey);

      // Delivered; then one refused with 400 (a dead letter); then the key is revoked at Hyros.
      answers.append(postSale(producer, integration, "S1-" + run));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stack.sandbox().deliveries(List.of(first)).size() == 1);
      stack.sandbox().inject(Fault.times(first, 400, 1));
      answers.append(postSale(producer, integration, "S2-" + run));
      answers.append(
          producer
              .request()
              .contentType("application/json")
              .body("{\"specversion\":\"1.0\",\"id\":\"x\"}")
              .post("/api/v1/events")
              .asString());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin
                          .get("/api/v1/dead-letters?integration=" + integration)
                          .<List<Object>>path("items")
                          .size()
                      == 1);
      stack.sandbox().revokeKey(first);
      answers.append(postSale(producer, integration, "S3-" + run));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "AUTH_FAILED"
                      .equals(admin.get("/api/v1/integrations/" + integration).path("status")));
      stack.sandbox().addKey(rotated, "secrets@example.com");
      answers.append(
          admin
              .put("/api/v1/integrations/" + integration + "/key", Map.of("hyrosApiKey", rotated))
              .asString());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> stack.sandbox().deliveries(List.of(rotated)).size() == 1);

      // Connected by code.
      String connected = "connected-" + run;
      Response link =
          admin.post("/api/v1/integrations/connect-links", Map.of("integrationId", connected));
      answers.append(link.asString());
      URI url = URI.create(link.path("url"));
      Response opened =
          RestAssured.given()
              .baseUri(gateway.baseUrl())
              .get(url.getRawPath() + "?" + url.getRawQuery());
      answers.append(opened.asString());
      String code =
          stack.sandbox().issueConnectCode("owner@secrets.example", List.of("API"), Duration.ZERO);
      Response page =
          RestAssured.given()
              .baseUri(gateway.baseUrl())
              .cookie("convgate_connect", opened.getCookie("convgate_connect"))
              .get("/integrations/hyros?code=" + code);
      assertThat(page.statusCode()).isEqualTo(200);
      answers.append(page.asString());
      String connectedKey = stack.sandbox().keyIssuedFor(code);
      secrets.add(connectedKey);
      answers.append(postSale(producer, connected, "S4-" + run));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stack.sandbox().deliveries(List.of(connectedKey)).size() == 1);

      // Everything an operator or a scraper reads.
      for (String path :
          List.of(
              "/api/v1/integrations",
              "/api/v1/integrations/" + integration,
              "/api/v1/integrations/" + connected,
              "/api/v1/dead-letters?limit=1000",
              "/api/v1/api-keys",
              "/api/v1/audit?limit=1000",
              "/api/v1/metrics",
              "/q/metrics",
              "/q/health",
              "/q/health/group/integrations",
              "/q/openapi")) {
        Response response = admin.get(path);
        assertThat(response.statusCode()).as(path).isLessThan(300);
        answers.append(response.asString());
      }
      for (Integer id :
          admin.get("/api/v1/dead-letters?limit=1000").<List<Integer>>path("items.id")) {
        answers.append(admin.get("/api/v1/dead-letters/" + id).asString());
      }
    } finally {
      gateway.close();
    }

    StringBuilder deadLetters = new StringBuilder();
    try (DeadLetterReader reader = new DeadLetterReader(stack.bootstrapServers())) {
      List<ConsumerRecord<byte[], byte[]>> all = reader.matching(r -> true);
      assertThat(all).as("dead letters to scan").hasSizeGreaterThanOrEqualTo(1);
      for (ConsumerRecord<byte[], byte[]> record : all) {
        for (Header header : record.headers()) {
          deadLetters
              .append(header.key())
              .append('=')
              .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        deadLetters.append(new String(record.value(), StandardCharsets.UTF_8));
      }
    }
    String logged = Files.readString(log);
    assertThat(logged).as("the log ran at DEBUG").contains("DEBUG");
    assertThat(logged).as("convgate's own DEBUG lines").containsPattern("DEBUG \\[io\\.convgate");
    assertThat(answers.toString())
        .as("answers to scan")
        .contains("secret-" + run)
        .contains("owner@secrets.example");
    for (String secret : secrets) {
      assertThat(logged).as("log").doesNotContain(secret);
      assertThat(answers.toString()).as("API answers").doesNotContain(secret);
      assertThat(deadLetters.toString()).as("dead letters").doesNotContain(secret);
    }
  }

  @Test
  void aPackagedGatewayWithoutAMasterKeyRefusesToStartAndSaysWhatToSet() throws IOException {
    Map<String, String> config = new HashMap<>(stack.gatewayTestConfig());
    config.remove("convgate.secrets.master-keys");
    // Its consumers start joining their groups before the check stops it, and a member that dies
    // mid-join stays pending at the broker until its session times out (45 s): in the gateway's
    // own groups that would hold up the other test's gateway. Groups of its own keep them apart.
    for (String channel : List.of("events-in", "deliveries-in", "dead-letters-in")) {
      config.put("mp.messaging.incoming." + channel + ".group.id", "refused-" + channel);
    }
    Path log = Path.of("target", "it-secrets", "no-master-key-" + UUID.randomUUID() + ".log");

    assertThatThrownBy(() -> GatewayProcess.start(config, Ports.free(), log))
        .hasMessageContaining("exited during start-up");
    assertThat(Files.readString(log))
        .contains("convgate cannot start: no master key to encrypt Hyros API keys")
        .contains("CONVGATE_SECRETS_MASTER_KEYS");
  }

  private static String postSale(Admin producer, String integration, String saleId) {
    Response response =
        producer
            .request()
            .contentType("application/cloudevents+json")
            .body(
                Events.envelope(
                        "evt-" + saleId,
                        "sale.completed",
                        integration,
                        "2026-11-22T08:00:00+01:00",
                        Events.sale(saleId, "buyer@example.com", "USD", "19.99", 1))
                    .toString())
            .post("/api/v1/events");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
    return response.asString();
  }
}
