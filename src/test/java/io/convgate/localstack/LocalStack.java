package io.convgate.localstack;

import io.convgate.testkit.Admin;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.TestStack;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole local stack in one command: a Kafka broker, a PostgreSQL server and the Hyros sandbox
 * on fixed loopback ports, then convgate itself (the packaged application, as its own process),
 * with one demo integration. Stops everything on Ctrl-C.
 *
 * <p>Run by {@code ./mvnw -DskipTests package exec:java@local-stack} (see README.md).
 */
public final class LocalStack {

  public static final int KAFKA_PORT = 19092;
  public static final int POSTGRES_PORT = 15432;
  public static final int SANDBOX_PORT = 18089;
  public static final int GATEWAY_PORT = 8080;
  public static final String DEMO_INTEGRATION = "demo";

  /** A made-up key the sandbox accepts; never a real Hyros key. */
  public static final String DEMO_KEY = "sandbox-demo-key-0001";

  private LocalStack() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("convgate local stack: starting Kafka, PostgreSQL and the Hyros sandbox...");
    TestStack stack =
        TestStack.startWithoutTopics(
            Path.of("target", "local-stack"),
            new TestStack.StackPorts(KAFKA_PORT, POSTGRES_PORT, SANDBOX_PORT));
    stack.sandbox().addKey(DEMO_KEY, "demo@example.com");
    stack.sandbox().announceRequests(true);
    // Where the sandbox's "connect" button sends the browser, as Hyros does for a partner.
    stack.sandbox().connectRedirectsTo("http://127.0.0.1:" + GATEWAY_PORT + "/integrations/hyros");

    System.out.println("convgate local stack: starting convgate on port " + GATEWAY_PORT + "...");
    GatewayProcess gateway = GatewayProcess.start(stack.gatewayConfig(), GATEWAY_PORT, null);
    // Through the admin API, as an operator would: the key is sealed, never stored in clear.
    Admin admin = Admin.at(gateway.baseUrl(), TestStack.ADMIN_KEY);
    int created =
        admin
            .post("/api/v1/integrations", Map.of("id", DEMO_INTEGRATION, "hyrosApiKey", DEMO_KEY))
            .statusCode();
    if (created == 409) {
      admin.put(
          "/api/v1/integrations/" + DEMO_INTEGRATION + "/key", Map.of("hyrosApiKey", DEMO_KEY));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("convgate local stack: stopping...");
                  gateway.stop();
                  stack.close();
                  stopped.countDown();
                }));
    System.out.printf(
        """

        ================================================================================
         convgate is running.
           Kafka bootstrap      127.0.0.1:%d   (topics from kafka-topics.yaml)
           PostgreSQL           127.0.0.1:%d   (database/user/password: convgate)
           Hyros sandbox        http://127.0.0.1:%d
           convgate health      http://127.0.0.1:%d/q/health
           convgate metrics     http://127.0.0.1:%d/q/metrics
           admin API            http://127.0.0.1:%d/q/swagger-ui
           admin key (local)    %s
             e.g. CONVGATE_API_KEY=<that key> bin/convgate integrations list
           integration '%s' is connected to the sandbox.

         Send a sale (in another terminal):
           ./mvnw -q exec:java@send-event -Devent=docs/examples/sale-completed.json
         It arrives at the sandbox as POST /api/v1.0/orders: a [hyros-sandbox] line
         appears below, and it is listed by
           curl -s http://127.0.0.1:%d/_sandbox/requests
         Connect a Hyros account from a browser (the sandbox plays Hyros' connect
         button): docs/operations.md#connecting-a-hyros-account
         Ctrl-C stops everything.
        ================================================================================
        %n""",
        KAFKA_PORT,
        POSTGRES_PORT,
        SANDBOX_PORT,
        GATEWAY_PORT,
        GATEWAY_PORT,
        GATEWAY_PORT,
        TestStack.ADMIN_KEY,
        DEMO_INTEGRATION,
        SANDBOX_PORT);
    stopped.await();
  }
}
