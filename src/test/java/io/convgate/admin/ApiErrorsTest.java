package io.convgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every rejection says why, in the one error body: malformed JSON, missing and wrong fields,
 * unknown paths and methods, the wrong media type, invalid events over HTTP (none of a batch
 * published).
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ApiErrorsTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void malformedJsonIsA400ThatSaysWhere() {
    Response response =
        admin
            .request()
            .contentType("application/json")
            .body("{\"id\": \"x\", ")
            .post("/api/v1/integrations");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) response.path("error")).isEqualTo("bad-request");
    assertThat((String) response.path("message")).contains("cannot be read");
  }

  @Test
  void aWrongTypeNamesTheField() {
    Response response =
        admin.post(
            "/api/v1/integrations",
            Map.of("id", "typed", "hyrosApiKey", "k", "requestsPerSecond", "fast"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) response.path("fieldErrors[0].pointer")).isEqualTo("/requestsPerSecond");
  }

  @Test
  void missingAndInvalidFieldsAreAllListed() {
    Response response =
        admin.post("/api/v1/integrations", Map.of("id", "Not Valid!", "requestsPerMinute", 0));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.<List<String>>path("fieldErrors.pointer"))
        .containsExactlyInAnyOrder("/id", "/hyrosApiKey", "/requestsPerMinute");
    assertThat(response.<List<String>>path("fieldErrors.message")).allMatch(m -> !m.isBlank());
  }

  @Test
  void anUnknownDestinationKindIsA400NamingTheKinds() {
    Response response =
        admin.post(
            "/api/v1/integrations",
            Map.of("id", "elsewhere", "destination", "carrier-pigeon", "hyrosApiKey", "k"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) response.path("error")).isEqualTo("bad-request");
    assertThat((String) response.path("fieldErrors[0].pointer")).isEqualTo("/destination");
    assertThat((String) response.path("fieldErrors[0].message"))
        .contains("hyros")
        .contains("carrier-pigeon");
    assertThat(admin.get("/api/v1/integrations/elsewhere").statusCode()).isEqualTo(404);
  }

  @Test
  void aSettingTheDestinationDoesNotTakeIsA400NamingIt() {
    Response response =
        admin.post(
            "/api/v1/integrations",
            Map.of(
                "id",
                "with-settings",
                "destination",
                "hyros",
                "hyrosApiKey",
                "k",
                "settings",
                Map.of("ref", "abc")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.<List<String>>path("fieldErrors.pointer")).containsExactly("/settings/ref");
  }

  @Test
  void anIntegrationShowsItsDestinationKind() {
    Tenants.Tenant tenant = Tenants.create(TestStack.shared(), "kind", null, null);
    Response view = admin.get("/api/v1/integrations/" + tenant.integration());
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat((String) view.path("destination")).isEqualTo("hyros");
    assertThat(view.<Map<String, String>>path("settings")).isEmpty();
    String path = "/api/v1/integrations/" + tenant.integration();
    Response kind = admin.patch(path, Map.of("destination", "elsewhere"));
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat((String) kind.path("fieldErrors[0].pointer")).isEqualTo("/destination");
    assertThat((String) kind.path("fieldErrors[0].message")).contains("fixed");
    Response foreign = admin.patch(path, Map.of("settings", Map.of("ref", "abc")));
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat((String) foreign.path("fieldErrors[0].pointer")).isEqualTo("/settings/ref");
    assertThat(admin.get(path).<Map<String, String>>path("settings")).isEmpty();
  }

  @Test
  void unknownThingsAre404sInTheSameBody() {
    Response integration = admin.get("/api/v1/integrations/no-such-integration");
    assertThat(integration.statusCode()).isEqualTo(404);
    assertThat((String) integration.path("message")).contains("no-such-integration");
    Response path = admin.get("/api/v1/nothing-here");
    assertThat(path.statusCode()).isEqualTo(404);
    assertThat((String) path.path("error")).isEqualTo("not-found");
    Response letter = admin.get("/api/v1/dead-letters/abc");
    assertThat(letter.statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongMethodAndAWrongMediaTypeAreNamed() {
    Response method = admin.delete("/api/v1/integrations");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat((String) method.path("error")).isEqualTo("method-not-allowed");
    Response media = admin.request().contentType("text/plain").body("hello").post("/api/v1/events");
    assertThat(media.statusCode()).isEqualTo(415);
    assertThat((String) media.path("error")).isEqualTo("unsupported-media-type");
  }

  @Test
  void aMethodAPathDoesNotTakeIs405NamingTheMethodsItTakesWithAnAllowHeader() {
    // The path takes GET, PATCH and DELETE (retirement); POST is not one of them.
    Response one = admin.post("/api/v1/integrations/some-integration", Map.of());
    assertThat(one.statusCode()).isEqualTo(405);
    assertThat((String) one.path("error")).isEqualTo("method-not-allowed");
    assertThat((String) one.path("message"))
        .contains("does not take POST")
        .contains("DELETE, GET, PATCH")
        .doesNotContain("[]");
    assertThat(allowed(one)).containsExactlyInAnyOrder("DELETE", "GET", "HEAD", "OPTIONS", "PATCH");

    Response list = admin.delete("/api/v1/integrations");
    assertThat(list.statusCode()).isEqualTo(405);
    assertThat((String) list.path("message")).contains("GET, POST");
    assertThat(allowed(list)).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "POST");

    Response events = admin.get("/api/v1/events");
    assertThat(events.statusCode()).isEqualTo(405);
    assertThat((String) events.path("message")).contains("it takes POST");
    assertThat(allowed(events)).containsExactlyInAnyOrder("OPTIONS", "POST");

    Response discard = admin.get("/api/v1/dead-letters/42/discard");
    assertThat(discard.statusCode()).isEqualTo(405);
    assertThat(allowed(discard)).containsExactlyInAnyOrder("OPTIONS", "POST");
  }

  private static List<String> allowed(Response response) {
    String allow = response.header("Allow");
    assertThat(allow).as("the Allow header").isNotBlank();
    return java.util.Arrays.stream(allow.split(",")).map(String::trim).toList();
  }

  @Test
  void a401SaysHowToAuthenticate() {
    Response none = Admin.inTest(null).get("/api/v1/integrations");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    Response unknown = Admin.inTest("cgw_nosuchkey0_" + "N".repeat(40)).get("/api/v1/integrations");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat((String) unknown.path("error")).isEqualTo("unauthorized");
  }

  @Test
  void aBodyOverTheHttpLimitIsA413InTheErrorBody() throws Exception {
    // Like curl with a large file: the headers announce the size, and the answer must come
    // without the body having to be sent in full.
    long declared = 10L * 1024 * 1024 + 1;
    String answer =
        rawPost(
            "/api/v1/events",
            "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n",
            "[" + " ".repeat(64 * 1024));
    assertThat(answer).startsWith("HTTP/1.1 413");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    com.fasterxml.jackson.databind.JsonNode error =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    assertThat(error.path("status").asInt()).isEqualTo(413);
    assertThat(error.path("error").asText()).isEqualTo("payload-too-large");
    assertThat(error.path("message").asText())
        .contains(String.valueOf(declared))
        .contains("10485760")
        .contains("smaller");
  }

  /** One HTTP/1.1 request written by hand; returns all the server answers before it closes. */
  private static String rawPost(String path, String headers, String bodyStart) throws Exception {
    int port = io.restassured.RestAssured.port;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + TestStack.ADMIN_KEY
                  + "\r\n"
                  + headers
                  + "\r\n"
                  + bodyStart)
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      java.io.InputStream in = socket.getInputStream();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          answer.write(buffer, 0, n);
          String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
          int end = text.indexOf("\r\n\r\n");
          if (end > 0 && complete(text, end)) {
            break;
          }
        }
      } catch (java.net.SocketException closed) {
        // The server may close the connection once it has answered.
      }
      return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static boolean complete(String text, int headersEnd) {
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
            .matcher(text.substring(0, headersEnd));
    return length.find() && text.length() - headersEnd - 4 >= Integer.parseInt(length.group(1));
  }

  @Test
  void aBatchWithOneInvalidEventIsRefusedWholeWithIndexedPointersAndNothingIsPublished() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "http", null, null);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String batch =
        "["
            + Events.envelope(
                "evt-ok-" + run,
                "lead.upserted",
                tenant.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("ok@example.com"))
            + ","
            + Events.envelope(
                "evt-bad-" + run,
                "lead.upserted",
                tenant.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("not-an-email"))
            + ","
            + Events.envelope(
                "evt-who-" + run,
                "lead.upserted",
                "no-such-integration",
                "2026-11-22T10:00:00Z",
                Events.lead("who@example.com"))
            + "]";

    long published = stack.inputRecords();
    Response refused =
        admin
            .request()
            .contentType("application/cloudevents-batch+json")
            .body(batch)
            .post("/api/v1/events");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat((String) refused.path("message")).contains("none was published");
    assertThat(stack.inputRecords()).as("records on the input topics").isEqualTo(published);
    assertThat(refused.<List<String>>path("fieldErrors.pointer"))
        .containsExactlyInAnyOrder("/1/data/email", "/2/integration");

    Response accepted =
        admin
            .request()
            .contentType("application/json")
            .body(
                Events.envelope(
                        "evt-alone-" + run,
                        "lead.upserted",
                        tenant.integration(),
                        "2026-11-22T10:00:00Z",
                        Events.lead("alone@example.com"))
                    .toString())
            .post("/api/v1/events");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.<List<String>>path("accepted")).containsExactly("evt-alone-" + run);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tenant.received(stack).size() == 1);
    assertThat(tenant.received(stack))
        .as("only the lone valid event; nothing of the refused batch")
        .hasSize(1);
    assertThat(tenant.received(stack).get(0).body().path("email").asText())
        .isEqualTo("alone@example.com");
  }

  @Test
  void aBatchWhoseEventNamesAMemberTwiceIsRefusedWithItsPointerAndNothingIsPublished() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "http-dup", null, null);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String ok =
        Events.envelope(
                "evt-ok-" + run,
                "lead.upserted",
                tenant.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("ok@example.com"))
            .toString();
    // re-written one by one, the second event would have lost its first id unseen
    String twoIds = ok.replaceFirst("\\{", "{\"id\":\"evt-other-" + run + "\",");

    long published = stack.inputRecords();
    Response refused =
        admin
            .request()
            .contentType("application/cloudevents-batch+json")
            .body("[" + ok.replace("evt-ok-", "evt-first-") + "," + twoIds + "]")
            .post("/api/v1/events");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat((String) refused.path("message")).contains("nothing was published");
    assertThat(refused.<List<String>>path("fieldErrors.pointer")).containsExactly("/1/id");
    assertThat(refused.<List<String>>path("fieldErrors.message").get(0)).contains("more than once");
    assertThat(stack.inputRecords()).as("records on the input topics").isEqualTo(published);
    assertThat(tenant.received(stack)).isEmpty();
  }

  @Test
  void anEventLargerThanTheInputTopicAcceptsIsA400ThatSaysTheLimitAndNothingIsPublished() {
    TestStack stack = TestStack.shared();
    Tenants.Tenant tenant = Tenants.create(stack, "http-large", null, null);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String event =
        Events.envelope(
                "evt-large-" + run,
                "lead.upserted",
                tenant.integration(),
                "2026-11-22T10:00:00Z",
                Events.lead("large@example.com"))
            .toString();
    // Valid JSON and a valid event, but larger than billing.events takes (1 MiB).
    String large =
        event.substring(0, event.length() - 1)
            + " ".repeat(1_100_000)
            + event.substring(event.length() - 1);

    long published = stack.inputRecords();
    Response refused =
        admin
            .request()
            .contentType("application/cloudevents+json")
            .body(large)
            .post("/api/v1/events");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat((String) refused.path("message")).contains("none was published");
    assertThat(refused.<List<String>>path("fieldErrors.pointer")).containsExactly("");
    assertThat(refused.<List<String>>path("fieldErrors.message").get(0))
        .contains(String.valueOf(large.length()))
        .contains("at most");
    assertThat(stack.inputRecords()).as("records on the input topics").isEqualTo(published);
    assertThat(tenant.received(stack)).isEmpty();
  }

  @Test
  void theOpenApiDocumentDescribesTheAdminApiAndSwaggerUiIsServed() {
    Response document = admin.request().accept("application/json").get("/q/openapi");
    assertThat(document.statusCode()).isEqualTo(200);
    Map<String, Object> paths = document.path("paths");
    assertThat(paths)
        .containsKeys(
            "/api/v1/integrations",
            "/api/v1/integrations/{id}/key",
            "/api/v1/dead-letters",
            "/api/v1/replays",
            "/api/v1/events",
            "/api/v1/api-keys",
            "/api/v1/audit",
            "/api/v1/metrics",
            "/api/v1/sync/jobs",
            "/api/v1/sync/backfills",
            "/api/v1/routes",
            "/api/v1/routes/{id}",
            "/integrations/hyros");
    assertThat(admin.get("/q/swagger-ui/").statusCode()).isEqualTo(200);
  }
}
