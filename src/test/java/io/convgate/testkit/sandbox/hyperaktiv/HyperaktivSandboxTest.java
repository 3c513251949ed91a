package io.convgate.testkit.sandbox.hyperaktiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.testkit.TestHttp;
import io.convgate.testkit.sandbox.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The Hyperaktiv sandbox as a client sees it over HTTP. */
@Execution(ExecutionMode.CONCURRENT)
class HyperaktivSandboxTest {

  private static final String KEY = "hk-workspace-one-0001";
  private static final String OTHER_KEY = "hk-workspace-two-0002";
  private static final String REF = "ref-webinar";
  private static final String OTHER_REF = "ref-ebook";
  private static final String LEAD =
      """
      {"Email":"ada@example.com","Firstname":"Ada","PhoneNumber":"+1 415 555 0100",
       "JourneyData":[{"Name":"tags","Value":"webinar"}]}""";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HyperaktivSandbox sandbox = new HyperaktivSandbox().start(0);
  private final HttpClient http = TestHttp.client();

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void acceptsALeadAndRecordsItPerWorkspaceAndOrigin() throws Exception {
    sandbox.addWorkspace(KEY, REF, OTHER_REF);
    sandbox.addWorkspace(OTHER_KEY, REF);

    HttpResponse<String> first = post(KEY, REF, LEAD);
    HttpResponse<String> second = post(OTHER_KEY, REF, "{\"Email\":\"bob@example.com\"}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("success").asBoolean()).isTrue();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(sandbox.leads(KEY, REF))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.email()).isEqualTo("ada@example.com");
              assertThat(l.body()).isEqualTo(JSON.readTree(LEAD));
              assertThat(l.leadId()).isEqualTo(JSON.readTree(first.body()).path("leadId").asText());
            });
    assertThat(sandbox.leads(KEY, OTHER_REF)).isEmpty();
    assertThat(sandbox.leads(OTHER_KEY, REF))
        .extracting(ReceivedLead::email)
        .containsExactly("bob@example.com");
    JsonNode listed = JSON.readTree(get("/_sandbox/leads").body());
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).path("key").asText()).isEqualTo("...0001");
  }

  @Test
  void aWorkspaceCanBeAddedOverHttp() throws Exception {
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(401);
    HttpRequest add =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/_sandbox/workspaces"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"key\":\"" + KEY + "\",\"refs\":[\"" + REF + "\"]}"))
            .build();
    assertThat(http.send(add, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);
    assertThat(post(KEY, OTHER_REF, LEAD).statusCode()).isEqualTo(404);
  }

  @Test
  void aMissingOrUnknownKeyIs401WithAnErrorBody() throws Exception {
    sandbox.addWorkspace(KEY, REF);

    for (String header : new String[] {null, "Bearer nope", "Basic " + KEY, "Bearer "}) {
      HttpRequest.Builder request = leads(REF).POST(HttpRequest.BodyPublishers.ofString(LEAD));
      if (header != null) {
        request.header("Authorization", header);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s", header).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).path("message").asText()).contains("API key");
    }
    sandbox.revokeWorkspace(KEY);
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(401);
    assertThat(sandbox.leads()).isEmpty();
    assertThat(sandbox.answered(401)).isEqualTo(5);
  }

  @Test
  void theRefMustNameAnOriginOfThatWorkspace() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    sandbox.addWorkspace(OTHER_KEY, OTHER_REF);

    assertThat(post(KEY, null, LEAD).statusCode()).isEqualTo(400);
    assertThat(post(KEY, OTHER_REF, LEAD).statusCode()).isEqualTo(404);
    sandbox.addOrigin(KEY, OTHER_REF);
    assertThat(post(KEY, OTHER_REF, LEAD).statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesThatBreakTheRulesAreRefusedWithAMessage() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    String[][] cases = {
      {"not json", "400", "JSON object"},
      {"[]", "400", "JSON object"},
      {"{\"email\":\"ada@example.com\"}", "422", "unknown field 'email'"},
      {"{\"Firstname\":\"Ada\"}", "422", "Email is required"},
      {"{\"Email\":\"not an email\"}", "422", "Email must be an email address"},
      {"{\"Email\":42}", "422", "Email must be an email address"},
      {"{\"Email\":\"a@example.com\",\"Firstname\":null}", "422", "Firstname must be a string"},
      {"{\"Email\":\"a@example.com\",\"PhoneNumber\":[\"1\"]}", "422", "PhoneNumber must be a"},
      {"{\"Email\":\"a@example.com\",\"RedirectURL\":\"ftp://x.example\"}", "422", "RedirectURL"},
      {"{\"Email\":\"a@example.com\",\"JourneyData\":{}}", "422", "must be an array"},
      {"{\"Email\":\"a@example.com\",\"JourneyData\":[{\"Name\":\"x\"}]}", "422", ".Value"},
      {
        "{\"Email\":\"a@example.com\",\"JourneyData\":[{\"Name\":\" \",\"Value\":\"v\"}]}",
        "422",
        ".Name"
      },
      {
        "{\"Email\":\"a@example.com\",\"JourneyData\":[{\"Name\":\"n\",\"Value\":1}]}",
        "422",
        ".Value"
      },
      {
        "{\"Email\":\"a@example.com\",\"JourneyData\":[{\"Name\":\"n\",\"Value\":\"v\",\"X\":\"\"}]}",
        "422",
        "unknown field 'X'"
      }
    };
    for (String[] c : cases) {
      HttpResponse<String> response = post(KEY, REF, c[0]);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(JSON.readTree(response.body()).path("message").asText()).as(c[0]).contains(c[2]);
    }
    assertThat(sandbox.leads()).isEmpty();

    String full =
        "{\"Email\":\"a@example.com\",\"Firstname\":\"A\",\"Lastname\":\"B\",\"PhoneNumber\":\"1\","
            + "\"RedirectURL\":\"https://app.example.com/thanks\",\"JourneyData\":[]}";
    assertThat(post(KEY, REF, full).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyAJsonPostToTheLeadsPathIsALead() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    HttpRequest text =
        leads(REF)
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(LEAD))
            .build();
    assertThat(http.send(text, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    HttpRequest list = leads(REF).header("Authorization", "Bearer " + KEY).GET().build();
    assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    assertThat(get("/api/v1.0/leads").statusCode()).isEqualTo(404);
    assertThat(sandbox.leads()).isEmpty();
  }

  @Test
  void injectedFaultsLastTheirTimeOrTheirCountAndOnlyHitTheirWorkspace() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    sandbox.addWorkspace(OTHER_KEY, REF);

    sandbox.inject(Fault.status(KEY, 503, Duration.ofMinutes(2)));
    HttpResponse<String> unavailable = post(KEY, REF, LEAD);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).isEmpty();
    assertThat(post(OTHER_KEY, REF, LEAD).statusCode()).isEqualTo(200);
    sandbox.clearFaults();
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);

    sandbox.injectedRetryAfter(Duration.ofSeconds(7));
    sandbox.inject(Fault.times(KEY, 429, 2));
    HttpResponse<String> limited = post(KEY, REF, LEAD);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(429);
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);
    assertThat(sandbox.leads(KEY, REF)).hasSize(2);
  }

  @Test
  void aSlowAnswerTimesOutTheCallerAndIsNotRecorded() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    sandbox.inject(Fault.latency(KEY, Duration.ofMillis(800)));
    HttpRequest slow = request(KEY, REF, LEAD).timeout(Duration.ofMillis(200)).build();

    assertThatThrownBy(() -> http.send(slow, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sandbox.answers().size() == 1);
    assertThat(sandbox.leads()).isEmpty();
  }

  @Test
  void anOptInLimitAnswers429WithRetryAfter() throws Exception {
    sandbox.addWorkspace(KEY, REF);
    sandbox.addWorkspace(OTHER_KEY, REF);
    sandbox.limit(2, 100);

    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);
    HttpResponse<String> third = post(KEY, REF, LEAD);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(post(OTHER_KEY, REF, LEAD).statusCode()).as("its own window").isEqualTo(200);
    assertThat(sandbox.leads(KEY, REF)).hasSize(2);

    sandbox.limit(0, 0);
    assertThat(post(KEY, REF, LEAD).statusCode()).isEqualTo(200);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private HttpResponse<String> post(String key, String ref, String body) throws Exception {
    return http.send(request(key, ref, body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String key, String ref, String body) {
    return leads(ref)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder leads(String ref) {
    String query = ref == null ? "" : "?ref=" + ref;
    return HttpRequest.newBuilder(
        URI.create(sandbox.baseUrl() + HyperaktivSandbox.LEADS_PATH + query));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
