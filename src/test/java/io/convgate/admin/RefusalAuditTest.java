package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Refused calls (401, 403) are in the audit log: who (the key id when the key is known, else {@code
 * unknown}), which endpoint, which permission was missing, how often; never the presented key. A
 * flood is counted, not written row by row.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RefusalAuditTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void everyKindOfRefusalLeavesAnAuditRowNamingTheEndpointAndNoSecret() {
    // Never only digits ('z' is no hex digit): six random hex digits were once all decimal, and
    // found in a timestamp of the audit log.
    String run = "z" + UUID.randomUUID().toString().replace("-", "").substring(0, 5);
    Instant start = Instant.now().minusSeconds(1);
    String readOnly = admin.createKey("READ_ONLY", List.of());
    String readOnlyId = readOnly.substring(4, 14);
    String malformed = "cgw_" + run + "-this-is-not-a-key-" + run;
    String unknown = "cgw_unknown" + run.substring(0, 3) + "_" + run + "U".repeat(34);

    assertThat(Admin.inTest(null).get("/api/v1/dead-letters/7").statusCode()).isEqualTo(401);
    assertThat(Admin.inTest(malformed).get("/api/v1/replays").statusCode()).isEqualTo(401);
    assertThat(Admin.inTest(unknown).get("/api/v1/replays/rpl_1").statusCode()).isEqualTo(401);
    assertThat(Admin.inTest(readOnly).post("/api/v1/integrations/x/pause", null).statusCode())
        .isEqualTo(403);

    List<Map<String, Object>> rows =
        awaitRefusals(
            start,
            all ->
                has(all, "unknown", "GET /api/v1/dead-letters/{id}", "no-key")
                    && has(all, "unknown", "GET /api/v1/replays", "malformed-key")
                    && has(all, "unknown", "GET /api/v1/replays/{id}", "unknown-key")
                    && has(
                        all,
                        "cgw_" + readOnlyId,
                        "POST /api/v1/integrations/{id}/pause",
                        "missing-permission"));

    Map<String, Object> noKey = find(rows, "unknown", "GET /api/v1/dead-letters/{id}", "no-key");
    assertThat(noKey.get("outcome")).isEqualTo("unauthorized");
    assertThat(detail(noKey))
        .containsEntry("status", 401)
        .containsEntry("permission", "dead-letters:read");
    Map<String, Object> forbidden =
        find(
            rows,
            "cgw_" + readOnlyId,
            "POST /api/v1/integrations/{id}/pause",
            "missing-permission");
    assertThat(forbidden.get("outcome")).isEqualTo("forbidden");
    assertThat(detail(forbidden))
        .containsEntry("status", 403)
        .containsEntry("permission", "integrations:write")
        .containsEntry("count", 1);
    assertThat(forbidden.get("actor")).asString().startsWith("cgw_" + readOnlyId + " (machine");

    String everything = admin.get("/api/v1/audit?limit=1000").asString();
    assertThat(everything)
        .doesNotContain(run)
        .doesNotContain(readOnly.substring(15))
        .doesNotContain(unknown.substring(15));
  }

  @Test
  void aFloodOfRefusalsIsCountedInAFewRowsThatAccountForEveryCall() {
    Instant start = Instant.now().minusSeconds(1);
    String key = admin.createKey("RESTRICTED", List.of("metrics:read"));
    String actor = "cgw_" + key.substring(4, 14);
    Admin flooder = Admin.inTest(key);
    int calls = 300;
    long began = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      assertThat(flooder.get("/api/v1/integrations").statusCode()).isEqualTo(403);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    List<Map<String, Object>> rows =
        awaitRefusals(
            start,
            all ->
                mine(all, actor).stream().mapToInt(r -> (Integer) detail(r).get("count")).sum()
                    == calls);

    List<Map<String, Object>> mine = mine(rows, actor);
    assertThat(mine)
        .allSatisfy(r -> assertThat(r.get("target")).isEqualTo("GET /api/v1/integrations"));
    Duration interval =
        ConfigProvider.getConfig()
            .getValue("convgate.audit.refusal-flush-interval", Duration.class);
    long windows = took.toMillis() / interval.toMillis() + 2;
    assertThat(mine.size())
        .as("one row per flush interval (%s) while %s calls took %s", interval, calls, took)
        .isLessThanOrEqualTo((int) windows)
        .isLessThan(calls / 10);
  }

  private List<Map<String, Object>> awaitRefusals(
      Instant since, Predicate<List<Map<String, Object>>> done) {
    List<List<Map<String, Object>>> last = new java.util.ArrayList<>(List.of(List.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Response response =
                  admin
                      .request()
                      .queryParam("action", "api.refused")
                      .queryParam("limit", 1000)
                      .get("/api/v1/audit");
              assertThat(response.statusCode()).isEqualTo(200);
              List<Map<String, Object>> items = response.path("items");
              List<Map<String, Object>> recent =
                  items.stream()
                      .filter(r -> "api.refused".equals(r.get("action")))
                      .filter(r -> Instant.parse((String) detail(r).get("last")).isAfter(since))
                      .toList();
              last.set(0, recent);
              return done.test(recent);
            });
    return last.get(0);
  }

  private static List<Map<String, Object>> mine(List<Map<String, Object>> rows, String actor) {
    return rows.stream().filter(r -> String.valueOf(r.get("actor")).startsWith(actor)).toList();
  }

  private static boolean has(
      List<Map<String, Object>> rows, String actor, String target, String reason) {
    return find(rows, actor, target, reason) != null;
  }

  private static Map<String, Object> find(
      List<Map<String, Object>> rows, String actor, String target, String reason) {
    return rows.stream()
        .filter(r -> String.valueOf(r.get("actor")).startsWith(actor))
        .filter(r -> target.equals(r.get("target")))
        .filter(r -> reason.equals(detail(r).get("reason")))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(Map<String, Object> row) {
    Object detail = row.get("detail");
    return detail instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
