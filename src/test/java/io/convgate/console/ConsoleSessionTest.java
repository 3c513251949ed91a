package io.convgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's session over plain HTTP: what the cookie is, that every call with it needs the
 * session's CSRF token and this origin, that a read-only key's session cannot change anything, that
 * signing out, expiry and revoking the key each end the session, and that console actions are
 * audited as the API audits them.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ConsoleSessionTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  /** A signed-in session: the cookie's token and the CSRF token the page was given. */
  private record Session(String token, String csrf) {
    RequestSpecification call() {
      return given().cookie(SessionToken.COOKIE, token).header(SessionToken.CSRF_HEADER, csrf);
    }
  }

  private static Response signIn(String key) {
    return given().contentType(ContentType.JSON).body(Map.of("key", key)).post("/console/session");
  }

  private static Session session(String key) {
    Response response = signIn(key);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return new Session(response.getCookie(SessionToken.COOKIE), response.path("csrf"));
  }

  @Test
  void signingInSetsAStrictHttpOnlySecureCookieAndNeverEchoesTheKey() {
    String key = admin.createKey("READ_ONLY", List.of());
    Response response = signIn(key);

    assertThat(response.statusCode()).isEqualTo(200);
    String cookie = response.getHeader("Set-Cookie");
    assertThat(cookie)
        .startsWith(SessionToken.COOKIE + "=")
        .contains("; HttpOnly", "; Secure", "; SameSite=Strict", "; Path=/", "; Max-Age=28800");
    assertThat(response.asString()).doesNotContain(key, key.substring(15));
    assertThat((String) response.path("prefix")).isEqualTo(key.substring(0, 14));
    assertThat((Boolean) response.path("may.'dead-letters:read'")).isTrue();
    assertThat((Boolean) response.path("may.'dead-letters:write'")).isFalse();
    String token = response.getCookie(SessionToken.COOKIE);
    assertThat(
            TestStack.shared()
                .database()
                .count(
                    "SELECT count(*) FROM console_sessions WHERE token_hash = ?",
                    (Object) SessionToken.hash(token)))
        .as("only the token's hash is stored")
        .isEqualTo(1);
    assertThat(
            TestStack.shared()
                .database()
                .count(
                    "SELECT count(*) FROM console_sessions WHERE encode(token_hash, 'escape') LIKE ?",
                    "%" + token + "%"))
        .isZero();
  }

  @Test
  void aWrongKeyOrAForeignOriginGetsNoSession() {
    Response unknown = signIn("cgw_nosuchkey0_" + "A".repeat(40));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.getHeader("Set-Cookie")).isNull();
    assertThat((String) unknown.path("message")).contains("not known");
    Response malformed = signIn("hello");
    assertThat(malformed.statusCode()).isEqualTo(401);

    Response foreign =
        given()
            .header("Origin", "http://evil.example")
            .contentType(ContentType.JSON)
            .body(Map.of("key", TestStack.ADMIN_KEY))
            .post("/console/session");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.getHeader("Set-Cookie")).isNull();
  }

  @Test
  void everyCallWithTheCookieNeedsTheCsrfTokenAndThisOrigin() {
    Session session = session(TestStack.ADMIN_KEY);

    assertThat(session.call().get("/api/v1/integrations").statusCode()).isEqualTo(200);
    Response noToken =
        given().cookie(SessionToken.COOKIE, session.token()).get("/api/v1/integrations");
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat((String) noToken.path("message")).contains("X-CSRF-Token");
    Response wrongToken =
        given()
            .cookie(SessionToken.COOKIE, session.token())
            .header(SessionToken.CSRF_HEADER, "x" + session.csrf())
            .contentType(ContentType.JSON)
            .body(Map.of("dryRun", true))
            .post("/api/v1/replays");
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    Response foreign =
        session
            .call()
            .header("Origin", "http://evil.example")
            .contentType(ContentType.JSON)
            .body(Map.of("dryRun", true))
            .post("/api/v1/replays");
    assertThat(foreign.statusCode()).isEqualTo(403);
    Response another =
        session(TestStack.ADMIN_KEY)
            .call()
            .cookie(SessionToken.COOKIE, "forged")
            .get("/api/v1/integrations");
    assertThat(another.statusCode())
        .as("a CSRF token of one session is no token of another")
        .isEqualTo(403);
  }

  @Test
  void aReadOnlySessionReadsButEveryForgedWriteIsRefusedAndCounted() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String integration = "console-ro-" + run;
    TestStack.shared().sandbox().addKey("console-ro-key-" + run, integration + "@example.com");
    TestStack.shared()
        .database()
        .upsertIntegration(integration, "console-ro-key-" + run, null, null);
    Session readOnly = session(admin.createKey("READ_ONLY", List.of()));

    assertThat(readOnly.call().get("/api/v1/overview").statusCode()).isEqualTo(200);
    Response pause = readOnly.call().post("/api/v1/integrations/" + integration + "/pause");
    assertThat(pause.statusCode()).isEqualTo(403);
    assertThat((String) pause.path("permission")).isEqualTo("integrations:write");
    Response replay =
        readOnly
            .call()
            .contentType(ContentType.JSON)
            .body(Map.of("filter", Map.of("integration", integration)))
            .post("/api/v1/replays");
    assertThat(replay.statusCode()).isEqualTo(403);
    assertThat((String) replay.path("permission")).isEqualTo("dead-letters:write");
    Response key =
        readOnly
            .call()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "x", "kind", "ALL", "ownerType", "MACHINE", "owner", "x"))
            .post("/api/v1/api-keys");
    assertThat(key.statusCode()).isEqualTo(403);
    assertThat((String) admin.get("/api/v1/integrations/" + integration).path("status"))
        .isEqualTo("ACTIVE");

    // The same pause from an all-permissions session works and is audited under its key.
    Response signedIn = signIn(TestStack.ADMIN_KEY);
    Session writer = new Session(signedIn.getCookie(SessionToken.COOKIE), signedIn.path("csrf"));
    assertThat(writer.call().post("/api/v1/integrations/" + integration + "/pause").statusCode())
        .isEqualTo(200);
    List<Map<String, Object>> rows =
        admin.get("/api/v1/audit?target=integration " + integration).path("items");
    assertThat(rows)
        .anySatisfy(
            row -> {
              assertThat(row.get("action")).isEqualTo("integration.pause");
              assertThat((String) row.get("actor")).startsWith("cgw_testadmin0");
            });
  }

  @Test
  void theConsolesEndpointsOfTheAdminApiNeedTheirPermissions() {
    assertThat(given().get("/api/v1/overview").statusCode()).isEqualTo(401);
    assertThat(given().get("/api/v1/dead-letters/1/ledger").statusCode()).isEqualTo(401);
    Admin keysOnly = admin.withKey(admin.createKey("RESTRICTED", List.of("api-keys:read")));
    Response overview = keysOnly.get("/api/v1/overview");
    assertThat(overview.statusCode()).isEqualTo(403);
    assertThat((String) overview.path("permission")).isEqualTo("integrations:read");
    Response ledger = keysOnly.get("/api/v1/dead-letters/1/ledger");
    assertThat(ledger.statusCode()).isEqualTo(403);
    assertThat((String) ledger.path("permission")).isEqualTo("dead-letters:read");
    Response unknown = admin.get("/api/v1/dead-letters/999999999/ledger");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void signingOutEndsTheSessionAndClearsTheCookie() {
    Session session = session(TestStack.ADMIN_KEY);
    Response noCsrf =
        given().cookie(SessionToken.COOKIE, session.token()).post("/console/session/end");
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(session.call().get("/console/session").statusCode()).isEqualTo(200);

    Response out = session.call().post("/console/session/end");
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.getHeader("Set-Cookie")).contains(SessionToken.COOKIE + "=;", "Max-Age=0");
    assertThat(session.call().get("/console/session").statusCode()).isEqualTo(401);
    assertThat(session.call().get("/api/v1/integrations").statusCode()).isEqualTo(401);
    List<Map<String, Object>> rows =
        admin.get("/api/v1/audit?action=console.sign-out&limit=5").path("items");
    assertThat(rows).isNotEmpty();
  }

  @Test
  void anExpiredSessionAndARevokedKeysSessionAreRefused() {
    String key = admin.createKey("ALL", List.of());
    String id = key.substring(4, 14);
    Session expiring = session(key);
    Session other = session(key);
    TestStack.shared()
        .database()
        .execute(
            "UPDATE console_sessions SET expires_at = now() - interval '1 second'"
                + " WHERE token_hash = decode('"
                + java.util.HexFormat.of().formatHex(SessionToken.hash(expiring.token()))
                + "', 'hex')");
    Response expired = expiring.call().get("/api/v1/integrations");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat((String) expired.path("message")).contains("sign in again");
    assertThat(other.call().get("/api/v1/integrations").statusCode()).isEqualTo(200);

    assertThat(admin.delete("/api/v1/api-keys/" + id).statusCode()).isEqualTo(200);
    assertThat(other.call().get("/api/v1/integrations").statusCode()).isEqualTo(401);
    assertThat(other.call().get("/console/session").statusCode()).isEqualTo(401);
    assertThat(
            TestStack.shared()
                .database()
                .count("SELECT count(*) FROM console_sessions WHERE key_id = ?", id))
        .as("the revoked key's sessions are gone")
        .isZero();
    assertThat(signIn(key).statusCode()).isEqualTo(401);
  }
}
