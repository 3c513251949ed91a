package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every admin endpoint against every kind of caller: no key, a malformed key, a revoked key, a
 * read-only key, a key restricted to another resource, a key restricted to this resource, and an
 * all-permissions key. Each answer must be exactly the expected 401, 403 or 2xx, and every 403 must
 * name the permission that was missing.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class AuthorizationMatrixTest {

  private static final List<String> RESOURCES =
      List.of("integrations", "dead-letters", "events", "api-keys", "metrics");

  /** One endpoint: how to call it with a given client, and the permission it needs. */
  private record Endpoint(String name, String permission, Function<Admin, Response> call) {}

  private enum Caller {
    NO_KEY,
    MALFORMED,
    REVOKED,
    READ_ONLY,
    OTHER_RESOURCE,
    THIS_RESOURCE,
    ALL
  }

  @Test
  void everyEndpointAnswersEveryCallerAsItsPermissionSays() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    String run = UUID.randomUUID().toString().substring(0, 6);

    // Targets for the endpoints that act on something.
    String integration = "matrix-" + run;
    stack.sandbox().addKey("matrix-key-" + run, integration + "@example.com");
    stack.sandbox().addKey("k-" + run, integration + "-n@example.com");
    assertThat(
            admin
                .post(
                    "/api/v1/integrations",
                    Map.of("id", integration, "hyrosApiKey", "matrix-key-" + run))
                .statusCode())
        .isEqualTo(201);
    Deque<Long> deadLetters =
        Admin.inTest(TestStack.ADMIN_KEY).invalidEventsIndexed(stack, integration, run, 4);
    long inspected = deadLetters.pop();
    String job =
        admin
            .post("/api/v1/replays", Map.of("ids", List.of(inspected)))
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String route = "matrix-route-" + run;
    assertThat(
            admin
                .post(
                    "/api/v1/routes",
                    Map.of(
                        "id",
                        route,
                        "source",
                        "crm/matrix-" + run,
                        "targets",
                        List.of(integration)))
                .statusCode())
        .isEqualTo(201);
    String someKeyId = admin.get("/api/v1/api-keys").path("items[0].id");
    Supplier<String> throwawayKey = () -> admin.createKey("READ_ONLY", List.of()).substring(4, 14);
    int[] created = {0};

    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                "list integrations", "integrations:read", c -> c.get("/api/v1/integrations")),
            new Endpoint(
                "show integration",
                "integrations:read",
                c -> c.get("/api/v1/integrations/" + integration)),
            new Endpoint(
                "create integration",
                "integrations:write",
                c ->
                    c.post(
                        "/api/v1/integrations",
                        Map.of(
                            "id", integration + "-n" + (created[0]++), "hyrosApiKey", "k-" + run))),
            new Endpoint(
                "change limits",
                "integrations:write",
                c ->
                    c.patch(
                        "/api/v1/integrations/" + integration, Map.of("requestsPerSecond", 20))),
            new Endpoint(
                "rotate key",
                "integrations:write",
                c ->
                    c.put(
                        "/api/v1/integrations/" + integration + "/key",
                        Map.of("hyrosApiKey", "matrix-key-" + run))),
            new Endpoint(
                "pause",
                "integrations:write",
                c -> c.post("/api/v1/integrations/" + integration + "/pause", null)),
            new Endpoint(
                "resume",
                "integrations:write",
                c -> c.post("/api/v1/integrations/" + integration + "/resume", null)),
            new Endpoint("list sync jobs", "integrations:read", c -> c.get("/api/v1/sync/jobs")),
            new Endpoint(
                "set a sync job",
                "integrations:write",
                c ->
                    c.put(
                        "/api/v1/sync/jobs/" + integration + "/leads", Map.of("interval", "PT1H"))),
            new Endpoint(
                "start a backfill",
                "integrations:write",
                c ->
                    c.post(
                        "/api/v1/sync/backfills",
                        Map.of(
                            "integrationId",
                            integration,
                            "resource",
                            "calls",
                            "from",
                            java.time.Instant.now().minusSeconds(3600).toString(),
                            "to",
                            java.time.Instant.now().toString()))),
            new Endpoint(
                "list backfills", "integrations:read", c -> c.get("/api/v1/sync/backfills")),
            new Endpoint(
                "retire integration",
                "integrations:write",
                c -> {
                  String doomed = integration + "-r" + (created[0]++);
                  admin
                      .post("/api/v1/integrations", Map.of("id", doomed, "hyrosApiKey", "k-" + run))
                      .then()
                      .statusCode(201);
                  return c.delete("/api/v1/integrations/" + doomed);
                }),
            new Endpoint(
                "connect link",
                "integrations:write",
                c ->
                    c.post(
                        "/api/v1/integrations/connect-links",
                        Map.of("integrationId", integration))),
            new Endpoint("list routes", "integrations:read", c -> c.get("/api/v1/routes")),
            new Endpoint("show route", "integrations:read", c -> c.get("/api/v1/routes/" + route)),
            new Endpoint(
                "create route",
                "integrations:write",
                c ->
                    c.post(
                        "/api/v1/routes",
                        Map.of(
                            "id",
                            route + "-n" + (created[0]++),
                            "source",
                            "crm/matrix-" + run,
                            "targets",
                            List.of(integration)))),
            new Endpoint(
                "change route",
                "integrations:write",
                c -> c.patch("/api/v1/routes/" + route, Map.of("name", "matrix " + run))),
            new Endpoint(
                "delete route",
                "integrations:write",
                c -> {
                  String doomed = route + "-d" + (created[0]++);
                  admin
                      .post(
                          "/api/v1/routes",
                          Map.of(
                              "id",
                              doomed,
                              "source",
                              "crm/matrix-" + run,
                              "targets",
                              List.of(integration)))
                      .then()
                      .statusCode(201);
                  return c.delete("/api/v1/routes/" + doomed);
                }),
            new Endpoint(
                "list dead letters", "dead-letters:read", c -> c.get("/api/v1/dead-letters")),
            new Endpoint(
                "show dead letter",
                "dead-letters:read",
                c -> c.get("/api/v1/dead-letters/" + inspected)),
            new Endpoint(
                "discard dead letter",
                "dead-letters:write",
                c ->
                    c.post(
                        "/api/v1/dead-letters/" + deadLetters.peek() + "/discard",
                        Map.of("reason", "matrix test"))),
            new Endpoint(
                "replay (dry run)",
                "dead-letters:write",
                c -> c.post("/api/v1/replays", Map.of("ids", List.of(inspected), "dryRun", true))),
            new Endpoint("list replays", "dead-letters:read", c -> c.get("/api/v1/replays")),
            new Endpoint("show replay", "dead-letters:read", c -> c.get("/api/v1/replays/" + job)),
            new Endpoint(
                "post events",
                "events:write",
                c ->
                    c.request()
                        .contentType("application/cloudevents+json")
                        .body(
                            Events.envelope(
                                    "evt-matrix-" + UUID.randomUUID(),
                                    "lead.upserted",
                                    integration,
                                    "2026-11-22T10:00:00Z",
                                    Events.lead("matrix@example.com"))
                                .toString())
                        .post("/api/v1/events")),
            new Endpoint(
                "create key",
                "api-keys:write",
                c ->
                    c.post(
                        "/api/v1/api-keys",
                        Map.of(
                            "name", "matrix",
                            "kind", "READ_ONLY",
                            "ownerType", "PERSON",
                            "owner", "ops@example.com"))),
            new Endpoint("list keys", "api-keys:read", c -> c.get("/api/v1/api-keys")),
            new Endpoint("show key", "api-keys:read", c -> c.get("/api/v1/api-keys/" + someKeyId)),
            new Endpoint(
                "revoke key",
                "api-keys:write",
                c -> c.delete("/api/v1/api-keys/" + throwawayKey.get())),
            new Endpoint("audit", "api-keys:read", c -> c.get("/api/v1/audit")),
            new Endpoint("metrics summary", "metrics:read", c -> c.get("/api/v1/metrics")));

    String revoked = admin.createKey("ALL", List.of());
    admin.delete("/api/v1/api-keys/" + revoked.substring(4, 14)).then().statusCode(200);
    String readOnly = admin.createKey("READ_ONLY", List.of());
    Map<String, String> thisResource = new LinkedHashMap<>();
    Map<String, String> otherResources = new LinkedHashMap<>();
    for (String resource : RESOURCES) {
      thisResource.put(resource, admin.createKey("RESTRICTED", List.of(resource + ":write")));
      List<String> others = new ArrayList<>();
      RESOURCES.stream().filter(r -> !r.equals(resource)).forEach(r -> others.add(r + ":write"));
      otherResources.put(resource, admin.createKey("RESTRICTED", others));
    }

    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Endpoint endpoint : endpoints) {
      String resource = endpoint.permission().substring(0, endpoint.permission().indexOf(':'));
      boolean write = endpoint.permission().endsWith(":write");
      for (Caller caller : Caller.values()) {
        Admin client =
            switch (caller) {
              case NO_KEY -> Admin.inTest(null);
              case MALFORMED -> Admin.inTest("cgw_not-a-key");
              case REVOKED -> Admin.inTest(revoked);
              case READ_ONLY -> Admin.inTest(readOnly);
              case OTHER_RESOURCE -> Admin.inTest(otherResources.get(resource));
              case THIS_RESOURCE -> Admin.inTest(thisResource.get(resource));
              case ALL -> admin;
            };
        int expected =
            switch (caller) {
              case NO_KEY, MALFORMED, REVOKED -> 401;
              case READ_ONLY -> write ? 403 : 200;
              case OTHER_RESOURCE -> 403;
              case THIS_RESOURCE, ALL -> 200;
            };
        Response response = endpoint.call().apply(client);
        checked++;
        int status = response.statusCode();
        boolean ok = expected == 200 ? status >= 200 && status < 300 : status == expected;
        if (!ok) {
          failures.add(
              endpoint.name()
                  + " as "
                  + caller
                  + ": expected "
                  + expected
                  + ", got "
                  + status
                  + " "
                  + response.asString());
          continue;
        }
        if (status == 403) {
          String permission = response.path("permission");
          String message = response.path("message");
          if (!endpoint.permission().equals(permission)
              || message == null
              || !message.contains(endpoint.permission())) {
            failures.add(
                endpoint.name()
                    + " as "
                    + caller
                    + ": the 403 must name "
                    + endpoint.permission()
                    + ", body "
                    + response.asString());
          }
        }
        if (status == 401 && !"unauthorized".equals(response.path("error"))) {
          failures.add(endpoint.name() + " as " + caller + ": 401 body " + response.asString());
        }
        if (endpoint.name().equals("discard dead letter") && status == 200) {
          deadLetters.pop();
        }
      }
    }
    assertThat(failures).as("answers that differ from the matrix").isEmpty();
    assertThat(checked).isEqualTo(endpoints.size() * Caller.values().length);
  }

  @Test
  void aKeyCannotBeCreatedWithAPermissionThatDoesNotExistAndTheBodySaysWhichField() {
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    Response response =
        admin.post(
            "/api/v1/api-keys",
            Map.of(
                "name", "bad",
                "kind", "RESTRICTED",
                "permissions", List.of("dead-letters:delete"),
                "ownerType", "PERSON",
                "owner", "ops@example.com"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) response.path("fieldErrors[0].pointer")).isEqualTo("/permissions/0");
    assertThat((String) response.path("fieldErrors[0].message")).contains("dead-letters:delete");
  }
}
