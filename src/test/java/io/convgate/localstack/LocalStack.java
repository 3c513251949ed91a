package io.convgate.localstack;

import io.convgate.apikey.KeyFormat;
import io.convgate.testkit.Admin;
import io.convgate.testkit.GatewayProcess;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.hyperaktiv.HyperaktivSandbox;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole local stack in one command: a Kafka broker, a PostgreSQL server, the Hyros sandbox and
 * the Hyperaktiv sandbox on fixed loopback ports, then convgate itself (the packaged application,
 * as its own process), with one demo integration and an admin key made for this start. Stops
 * everything on Ctrl-C. For a workstation only.
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

  /** The Hyperaktiv sandbox (issue 19), beside the Hyros one. */
  public static final int HYPERAKTIV_PORT = 18090;

  /** A made-up workspace key and origin ref the Hyperaktiv sandbox accepts; never real ones. */
  public static final String DEMO_HYPERAKTIV_KEY = "hyperaktiv-sandbox-demo-key-0001";

  public static final String DEMO_HYPERAKTIV_REF = "demo-api-origin";

  /** Where convgate finds Hyperaktiv (typed in a {@code @ConfigMapping} by the plug-in). */
  public static final String HYPERAKTIV_URL_KEY = "convgate.hyperaktiv.url";

  private LocalStack() {}

  /**
   * A new admin key for each start: a fixed, published one would open the admin API of every local
   * stack to whoever reads this code. The database is new at each start too, so the gateway always
   * takes it as its bootstrap key.
   */
  static String newAdminKey() {
    return KeyFormat.generate().whole();
  }

  /** What the local stack prints once it runs: where everything is, and the admin key. */
  static String banner(String adminKey) {
    return String.format(
        """

        ================================================================================
         convgate is running. For this workstation only: it listens on 127.0.0.1,
         seals Hyros keys with a test master key and talks to a Hyros sandbox.
           Kafka bootstrap      127.0.0.1:%d   (topics from kafka-topics.yaml)
           PostgreSQL           127.0.0.1:%d   (database/user/password: convgate)
           Hyros sandbox        http://127.0.0.1:%d
           convgate health      http://127.0.0.1:%d/q/health
           convgate metrics     http://127.0.0.1:%d/q/metrics
           admin API            http://127.0.0.1:%d/q/swagger-ui
           integration '%s' is connected to the sandbox.

         The admin key of this start (a new one each time), for the CLI:
           export CONVGATE_API_KEY=%s
           bin/convgate integrations list

         Send a sale (in another terminal):
           ./mvnw -q exec:java@send-event -Devent=docs/examples/sale-completed.json
         It arrives at the sandbox as POST /api/v1.0/orders: a [hyros-sandbox] line
         appears below, and it is listed by
           curl -s http://127.0.0.1:%d/_sandbox/requests
         Connect a Hyros account from a browser (the sandbox plays Hyros' connect
         button): docs/operations.md#connecting-a-hyros-account
         Hyperaktiv sandbox   http://127.0.0.1:%d   (%s)
           workspace key %s, origin ref %s
           leads it accepted:  curl -s http://127.0.0.1:%d/_sandbox/leads
         Ctrl-C stops everything.
        ================================================================================

        """,
        KAFKA_PORT,
        POSTGRES_PORT,
        SANDBOX_PORT,
        GATEWAY_PORT,
        GATEWAY_PORT,
        GATEWAY_PORT,
        DEMO_INTEGRATION,
        adminKey,
        SANDBOX_PORT,
        HYPERAKTIV_PORT,
        HYPERAKTIV_URL_KEY,
        DEMO_HYPERAKTIV_KEY,
        DEMO_HYPERAKTIV_REF,
        HYPERAKTIV_PORT);
  }

  /** The Hyperaktiv sandbox with the demo workspace and origin, announcing each lead. */
  static HyperaktivSandbox startHyperaktiv(int port) {
    HyperaktivSandbox sandbox = new HyperaktivSandbox().start(port);
    sandbox.addWorkspace(DEMO_HYPERAKTIV_KEY, DEMO_HYPERAKTIV_REF);
    sandbox.announceRequests(true);
    return sandbox;
  }

  public static void main(String[] args) throws InterruptedException {
    System.out.println(
        "convgate local stack: starting Kafka, PostgreSQL and the Hyros and Hyperaktiv sandboxes...");
    TestStack stack =
        TestStack.startWithoutTopics(
            Path.of("target", "local-stack"),
            new TestStack.StackPorts(KAFKA_PORT, POSTGRES_PORT, SANDBOX_PORT));
    stack.sandbox().addKey(DEMO_KEY, "demo@example.com");
    stack.sandbox().announceRequests(true);
    // Where the sandbox's "connect" button sends the browser, as Hyros does for a partner.
    stack.sandbox().connectRedirectsTo("http://127.0.0.1:" + GATEWAY_PORT + "/integrations/hyros");
    HyperaktivSandbox hyperaktiv = startHyperaktiv(HYPERAKTIV_PORT);

    System.out.println("convgate local stack: starting convgate on port " + GATEWAY_PORT + "...");
    String adminKey = newAdminKey();
    Map<String, String> config = new HashMap<>(stack.gatewayConfig());
    config.put("convgate.api.bootstrap-key", adminKey);
    config.put(HYPERAKTIV_URL_KEY, hyperaktiv.baseUrl());
    GatewayProcess gateway = GatewayProcess.start(config, GATEWAY_PORT, null);
    // Through the admin API, as an operator would: the key is sealed, never stored in clear.
    Admin admin = Admin.at(gateway.baseUrl(), adminKey);
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
                  hyperaktiv.close();
                  stopped.countDown();
                }));
    System.out.print(banner(adminKey));
    stopped.await();
  }
}
