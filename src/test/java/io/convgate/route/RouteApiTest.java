package io.convgate.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /api/v1/routes: what is refused, field by field, who may change routes, and the audit trail. */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RouteApiTest {

  private final TestStack stack = TestStack.shared();
  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aRouteThatCannotRouteIsRefusedNamingItsField() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String live = integration("rapi-live-" + run);

    assertRefused(route(run, Map.of("targets", List.of("nobody-" + run))), "/targets/0")
        .contains("no integration 'nobody-" + run + "'");
    assertRefused(route(run, Map.of("targets", List.of(live, "nobody-" + run))), "/targets/1");
    assertRefused(route(run, Map.of("targets", List.of())), "/targets");
    assertRefused(route(run, Map.of("targets", List.of(live), "field", "currency")), "/field")
        .contains("JSON pointer");
    assertRefused(route(run, Map.of("targets", List.of(live), "field", "/a~2b")), "/field");
    assertRefused(route(run, Map.of("targets", List.of(live), "field", "/currency")), "/value");
    assertRefused(
        route(run, Map.of("targets", List.of(live), "types", List.of("order.shipped"))),
        "/types/0");
    assertRefused(
        route(run, Map.of("targets", List.of(live), "source", "billing/*/eu")), "/source");
    assertRefused(route(run, Map.of("targets", List.of(live), "colour", "red")), "/colour");

    String kept = "kept-" + run;
    assertThat(
            admin.post("/api/v1/routes", Map.of("id", kept, "targets", List.of(live))).statusCode())
        .isEqualTo(201);
    Response retire = admin.delete("/api/v1/integrations/" + live);
    assertThat(retire.statusCode()).as(retire.asString()).isEqualTo(200);
    assertRefused(route(run, Map.of("targets", List.of(live))), "/targets/0").contains("retired");
    // A route whose target was retired since can still be changed, e.g. disabled.
    Response disabled = admin.patch("/api/v1/routes/" + kept, Map.of("enabled", false));
    assertThat(disabled.statusCode()).as(disabled.asString()).isEqualTo(200);
    assertThat(admin.delete("/api/v1/routes/" + kept).statusCode()).isEqualTo(200);

    assertThat(admin.get("/api/v1/routes/r-" + run).statusCode()).isEqualTo(404);
    assertThat(
            stack
                .database()
                .count(
                    "SELECT count(*) FROM audit_log WHERE target = ? AND outcome = 'ok'",
                    "route r-" + run))
        .as("nothing changed, nothing audited as done")
        .isZero();
  }

  @Test
  void aRouteIsCreatedShownChangedAndDeletedEachChangeAudited() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String eu = integration("rapi-eu-" + run);
    String us = integration("rapi-us-" + run);
    String id = "r-" + run;

    Response created =
        admin.post(
            "/api/v1/routes",
            route(
                run,
                Map.of(
                    "name", "EUR sales",
                    "source", "billing/*",
                    "types", List.of("sale.completed", "sale.refunded"),
                    "field", "/currency",
                    "value", "EUR",
                    "targets", List.of(eu))));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat((String) created.path("source")).isEqualTo("billing/*");
    assertThat((Boolean) created.path("enabled")).isTrue();
    assertThat(
            admin.post("/api/v1/routes", route(run, Map.of("targets", List.of(eu)))).statusCode())
        .isEqualTo(409);

    Response changed =
        admin.patch("/api/v1/routes/" + id, Map.of("targets", List.of(eu, us), "enabled", false));
    assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
    assertThat(changed.<List<String>>path("targets")).containsExactly(eu, us);
    assertThat((String) changed.path("field")).isEqualTo("/currency");
    assertThat((Boolean) changed.path("enabled")).isFalse();
    assertThat(admin.get("/api/v1/routes").<List<String>>path("items.id")).contains(id);

    String reader = admin.createKey("RESTRICTED", List.of("integrations:read"));
    assertThat(admin.withKey(reader).get("/api/v1/routes/" + id).statusCode()).isEqualTo(200);
    Response forbidden = admin.withKey(reader).delete("/api/v1/routes/" + id);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat((String) forbidden.path("permission")).isEqualTo("integrations:write");

    assertThat(admin.delete("/api/v1/routes/" + id).statusCode()).isEqualTo(200);
    assertThat(admin.get("/api/v1/routes/" + id).statusCode()).isEqualTo(404);
    assertThat(
            stack
                .database()
                .rows(
                    "SELECT action FROM audit_log WHERE target = ? AND outcome = 'ok' ORDER BY id",
                    "route " + id))
        .containsExactly(List.of("route.create"), List.of("route.update"), List.of("route.delete"));
  }

  private static Map<String, Object> route(String run, Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(fields);
    body.put("id", "r-" + run);
    return body;
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertRefused(
      Map<String, Object> body, String pointer) {
    Response refused = admin.post("/api/v1/routes", body);
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
    assertThat(refused.<List<String>>path("fieldErrors.pointer")).containsExactly(pointer);
    return assertThat(refused.<List<String>>path("fieldErrors.message").get(0));
  }

  private String integration(String id) {
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, id + "@example.com");
    Response created = admin.post("/api/v1/integrations", Map.of("id", id, "hyrosApiKey", key));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return id;
  }
}
