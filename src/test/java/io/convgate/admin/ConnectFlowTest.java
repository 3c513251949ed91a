package io.convgate.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestHttp;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.convgate.testkit.sandbox.HyrosSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Connecting a Hyros account by code, end to end against the sandbox's exchange endpoint: the
 * operator's link, the browser's cookie, Hyros' redirect with a one-time code.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ConnectFlowTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Test
  void aValidCodeConnectsAnAccountWhoseKeyIsStoredSealedAndUsedForDeliveries() {
    TestStack stack = TestStack.shared();
    String integration = "connected-" + UUID.randomUUID().toString().substring(0, 8);
    String cookie = openLink(integration);
    String code =
        stack
            .sandbox()
            .issueConnectCode("owner@shop.example", List.of("ADMIN", "API"), Duration.ZERO);

    Response page =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + code);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString())
        .contains("owner@shop.example")
        .contains("ADMIN, API")
        .contains(integration);
    String issuedKey = stack.sandbox().keyIssuedFor(code);
    assertThat(issuedKey).isNotNull();
    assertThat(page.asString()).doesNotContain(issuedKey);

    List<List<Object>> stored =
        stack
            .database()
            .rows(
                "SELECT hyros_api_key, hyros_key_sealed, status, account_email FROM integrations WHERE id = ?",
                integration);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).get(0)).as("the clear column").isNull();
    String sealed = (String) stored.get(0).get(1);
    assertThat(sealed).startsWith("v1.test-2026.").doesNotContain(issuedKey);
    assertThat(stored.get(0).get(2)).isEqualTo("ACTIVE");
    assertThat(stored.get(0).get(3)).isEqualTo("owner@shop.example");

    Response view = admin.get("/api/v1/integrations/" + integration);
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat((String) view.path("account.email")).isEqualTo("owner@shop.example");
    assertThat(view.asString()).doesNotContain(issuedKey);

    Tenants.Tenant tenant = new Tenants.Tenant(integration, issuedKey);
    Tenants.produce(
        stack, List.of(Tenants.sale(tenant, "CN-" + UUID.randomUUID().toString().substring(0, 6))));
    await().atMost(Duration.ofSeconds(30)).until(() -> tenant.received(stack).size() == 1);

    // The link was used: the same browser cannot connect a second account with it.
    String another =
        stack.sandbox().issueConnectCode("other@shop.example", List.of("API"), Duration.ZERO);
    Response again =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + another);
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(stack.sandbox().keyIssuedFor(another)).as("the code was not spent").isNull();
  }

  @Test
  void anExpiredCodeAndAReusedCodeAreRefusedWithAClearPageAndNothingIsStored() {
    TestStack stack = TestStack.shared();
    String expiredFor = "expired-" + UUID.randomUUID().toString().substring(0, 8);
    String cookie = openLink(expiredFor);
    String expired =
        stack
            .sandbox()
            .issueConnectCode("late@shop.example", List.of("API"), Duration.ofMinutes(6));

    Response page =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + expired);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.asString())
        .contains("Hyros did not accept this code")
        .contains("expired")
        .contains("click connect in Hyros again");
    assertThat(count(stack, expiredFor)).isZero();

    // A code already exchanged (for another integration) cannot be used again.
    String first = "first-" + UUID.randomUUID().toString().substring(0, 8);
    String code =
        stack.sandbox().issueConnectCode("once@shop.example", List.of("API"), Duration.ZERO);
    assertThat(
            given()
                .cookie("convgate_connect", openLink(first))
                .get("/integrations/hyros?code=" + code)
                .statusCode())
        .isEqualTo(200);
    String second = "second-" + UUID.randomUUID().toString().substring(0, 8);
    Response reused =
        given()
            .cookie("convgate_connect", openLink(second))
            .get("/integrations/hyros?code=" + code);
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.asString()).contains("already used");
    assertThat(count(stack, second)).isZero();

    // The expired code's link is still good for a fresh code.
    String fresh =
        stack.sandbox().issueConnectCode("late@shop.example", List.of("API"), Duration.ZERO);
    assertThat(
            given()
                .cookie("convgate_connect", cookie)
                .get("/integrations/hyros?code=" + fresh)
                .statusCode())
        .isEqualTo(200);
    assertThat(count(stack, expiredFor)).isEqualTo(1);
  }

  @Test
  void aBrowserWithoutALinkCannotConnectAndTheCodeIsNotSpent() {
    TestStack stack = TestStack.shared();
    String code =
        stack.sandbox().issueConnectCode("victim@shop.example", List.of("API"), Duration.ZERO);

    Response page = given().get("/integrations/hyros?code=" + code);

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.asString()).contains("did not start a connection");
    assertThat(stack.sandbox().keyIssuedFor(code)).isNull();
    Response noCode = given().get("/integrations/hyros");
    assertThat(noCode.statusCode()).isEqualTo(400);
  }

  @Test
  void whenHyrosCannotBeReachedThePageSaysSoAndReloadingLaterConnects() {
    TestStack stack = TestStack.shared();
    String integration = "unreachable-" + UUID.randomUUID().toString().substring(0, 8);
    String cookie = openLink(integration);
    String code =
        stack.sandbox().issueConnectCode("patient@shop.example", List.of("API"), Duration.ZERO);
    stack.sandbox().inject(Fault.times(HyrosSandbox.CODE_EXCHANGE, 503, 1));

    Response page =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + code);

    assertThat(page.statusCode()).isEqualTo(502);
    assertThat(page.asString()).contains("Hyros could not be reached").contains("Reload this page");
    assertThat(count(stack, integration)).isZero();
    Response reloaded =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + code);
    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertThat(count(stack, integration)).isEqualTo(1);
  }

  @Test
  void reloadingTheSuccessPageSaysTheAccountIsConnectedInsteadOfRefusing() {
    TestStack stack = TestStack.shared();
    String integration = "reload-" + UUID.randomUUID().toString().substring(0, 8);
    String cookie = openLink(integration);
    String code =
        stack.sandbox().issueConnectCode("reload@shop.example", List.of("API"), Duration.ZERO);
    Response page =
        given().cookie("convgate_connect", cookie).get("/integrations/hyros?code=" + code);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getDetailedCookie("convgate_connect").getMaxAge())
        .as("the success page clears the browser's cookie")
        .isZero();
    List<Object> stored =
        stack
            .database()
            .rows("SELECT hyros_key_sealed FROM integrations WHERE id = ?", integration)
            .get(0);

    // The browser reloads the page: same address, and no cookie any more.
    Response reload = given().get("/integrations/hyros?code=" + code);

    assertThat(reload.statusCode()).as(reload.asString()).isEqualTo(200);
    assertThat(reload.asString())
        .contains("already connected")
        .contains(integration)
        .contains("reload@shop.example")
        .doesNotContain("did not start a connection");
    assertThat(
            stack
                .database()
                .rows("SELECT hyros_key_sealed FROM integrations WHERE id = ?", integration)
                .get(0))
        .as("nothing was exchanged or stored again")
        .isEqualTo(stored);
  }

  @Test
  void theSandboxConnectButtonWalksTheWholeFlowOverHttpAsABrowserWould() throws Exception {
    TestStack stack = TestStack.shared();
    String convgate = "http://localhost:" + RestAssured.port;
    stack.sandbox().connectRedirectsTo(convgate + "/integrations/hyros");
    String integration = "walk-" + UUID.randomUUID().toString().substring(0, 8);
    HttpClient browser =
        TestHttp.builder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    // The operator's link, opened in the browser: it points to Hyros' connect button.
    URI link =
        URI.create(
            admin
                .post(
                    "/api/v1/integrations/connect-links",
                    Map.of("integrationId", integration, "name", "Walk"))
                .<String>path("url"));
    HttpResponse<String> ready =
        open(browser, convgate + link.getRawPath() + "?" + link.getRawQuery());
    assertThat(ready.statusCode()).isEqualTo(200);
    String hyros = unescape(find(ready.body(), "<a href=\"([^\"]+)\">Open Hyros</a>"));
    assertThat(hyros).isEqualTo(stack.sandbox().baseUrl() + "/_sandbox/connect");

    // Hyros' page (the sandbox's): a form; submitting it is clicking connect.
    HttpResponse<String> button = open(browser, hyros);
    assertThat(button.statusCode()).isEqualTo(200);
    String action = find(button.body(), "<form method=\"get\" action=\"([^\"]+)\"");
    String redirect = unescape(find(button.body(), "name=\"redirect_uri\" value=\"([^\"]+)\""));
    HttpResponse<String> connected =
        open(
            browser,
            stack.sandbox().baseUrl()
                + action
                + "?redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&email=walker%40shop.example&roles=ADMIN%2CAPI");

    assertThat(connected.uri().getPath()).isEqualTo("/integrations/hyros");
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
    assertThat(connected.body())
        .contains("Hyros account connected")
        .contains(integration)
        .contains("walker@shop.example")
        .contains("ADMIN, API");
    Response view = admin.get("/api/v1/integrations/" + integration);
    assertThat((String) view.path("status")).isEqualTo("ACTIVE");
    assertThat((String) view.path("account.email")).isEqualTo("walker@shop.example");
    assertThat(view.<List<String>>path("account.roles")).containsExactly("ADMIN", "API");

    // Reloading the success page says what happened.
    HttpResponse<String> reload = open(browser, connected.uri().toString());
    assertThat(reload.statusCode()).isEqualTo(200);
    assertThat(reload.body()).contains("already connected").contains(integration);
  }

  private static HttpResponse<String> open(HttpClient browser, String url) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String find(String html, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(html);
    assertThat(matcher.find()).as("%s in %s", regex, html).isTrue();
    return matcher.group(1);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** Asks for a connect link as an operator and opens it as the browser: returns its cookie. */
  private String openLink(String integration) {
    Response link =
        admin.post("/api/v1/integrations/connect-links", Map.of("integrationId", integration));
    assertThat(link.statusCode()).isEqualTo(201);
    URI url = URI.create(link.path("url"));
    Response opened = given().get(url.getRawPath() + "?" + url.getRawQuery());
    assertThat(opened.statusCode()).isEqualTo(200);
    String cookie = opened.getCookie("convgate_connect");
    assertThat(cookie).isNotBlank();
    assertThat(opened.getDetailedCookie("convgate_connect").isHttpOnly()).isTrue();
    return cookie;
  }

  private static long count(TestStack stack, String integration) {
    return stack.database().count("SELECT count(*) FROM integrations WHERE id = ?", integration);
  }
}
