package io.convgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Browser;
import io.convgate.testkit.Events;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real Chromium, as an operator uses it: sign in; an integration whose key Hyros
 * refuses (401) shows as held with the reason; dead letters filtered by reason; hostile event data
 * shown as text; a dry run then a replay of one dead letter, watched to its end; a new key's secret
 * shown once; sign out ends the session; a read-only key sees no write control and a write forged
 * from its session is refused. Screenshots of every page at two widths go to
 * target/console-screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ConsoleBrowserTest {

  private static final String HOSTILE =
      "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

  @Test
  void anOperatorWatchesAndActsThroughTheConsole() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    String run = UUID.randomUUID().toString().substring(0, 6);
    Tenants.Tenant refused = Tenants.create(stack, "console-401", null, null);
    Tenants.Tenant shop = Tenants.create(stack, "console-shop", 10, 600);
    stack.sandbox().inject(Fault.status(refused.apiKey(), 401, Duration.ofMinutes(10)));
    stack.sandbox().inject(Fault.status(shop.apiKey(), 400, Duration.ofMinutes(10)));
    Tenants.produce(
        stack,
        List.of(
            Tenants.sale(refused, "CB-" + run + "-held"),
            Tenants.sale(shop, "CB-" + run + "-1"),
            Tenants.sale(shop, "CB-" + run + "-2"),
            Tenants.record(
                "evt-hostile-" + run,
                Events.envelope(
                    "evt-hostile-" + run,
                    "lead.upserted",
                    shop.integration(),
                    "2026-11-22T10:00:00Z",
                    Events.lead(HOSTILE)))));
    String letters = "/api/v1/dead-letters?integration=" + shop.integration();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.get(letters).<List<Object>>path("items").size() == 3);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "AUTH_FAILED"
                    .equals(
                        admin.get("/api/v1/integrations/" + refused.integration()).path("status")));

    try (Browser browser = Browser.open("http://127.0.0.1:" + RestAssured.port)) {
      // Sign in.
      browser.go("/console");
      browser.visible("#key");
      browser.screenshots("sign-in");
      // By keyboard: the key field has the focus, Enter signs in.
      assertThat(browser.script("return document.activeElement.id")).isEqualTo("key");
      browser.driver().switchTo().activeElement().sendKeys(TestStack.ADMIN_KEY, Keys.ENTER);
      browser.awaitText("main h1", "Overview", Duration.ofSeconds(20));

      // The integration Hyros answers 401 is held, and the page says why.
      WebElement row =
          browser
              .waiting(Duration.ofSeconds(20))
              .until(
                  ExpectedConditions.visibilityOfElementLocated(
                      By.xpath("//tr[.//strong[text()='" + refused.integration() + "']]")));
      assertThat(row.getText()).contains("auth failed", "Hyros refused the key");
      assertThat(browser.visible("#open-dead-letters").getText()).contains("open dead letters");
      browser.screenshots("overview");
      stack.sandbox().clearFaults();

      // Dead letters filtered by reason, on the server.
      browser.go("/console/#/dead-letters");
      browser.type("#f-integration", shop.integration());
      new Select(browser.visible("#f-reason")).selectByValue("hyros-rejected");
      browser.click("#dead-letter-filters button[type=submit]");
      browser.waiting(Duration.ofSeconds(20)).until(d -> rows(browser).size() == 2);
      assertThat(rows(browser)).allMatch(text -> text.contains("hyros-rejected 400"));
      browser.screenshots("dead-letters");
      new Select(browser.visible("#f-reason")).selectByValue("invalid-data");
      browser.click("#dead-letter-filters button[type=submit]");
      browser
          .waiting(Duration.ofSeconds(20))
          .until(d -> rows(browser).size() == 1 && rows(browser).get(0).contains("invalid-data"));

      // Hostile event data is shown as text and never runs.
      browser.click("main tbody tr a");
      browser.awaitText("#payload", "<script>window.__pwned=1</script>", Duration.ofSeconds(20));
      assertThat(browser.script("return document.querySelectorAll('main script, main img').length"))
          .isEqualTo(0L);
      assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
      assertThat(browser.visible("main").getText()).contains("/data/email");
      assertThat(browser.visible("#ledger").getText()).contains("No ledger row");

      // Dry run, then replay one, and watch the job reach its end.
      List<Integer> rejected = admin.get(letters + "&reason=hyros-rejected").path("items.id");
      browser.go("/console/#/dead-letters/" + rejected.get(0));
      browser.awaitText("main h1", "Dead letter #" + rejected.get(0), Duration.ofSeconds(20));
      assertThat(browser.visible("#ledger").getText()).contains("dead lettered", "400");
      browser.screenshots("dead-letter");
      browser.click("[data-action=dry-run]");
      browser.awaitText("#dry-run", "1 would be sent", Duration.ofSeconds(20));
      assertThat(shop.received(stack)).as("a dry run sends nothing").isEmpty();
      browser.click("[data-action=replay]");
      browser
          .waiting(Duration.ofSeconds(90))
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("#job-state[data-state=SUCCEEDED]")));
      assertThat(browser.visible("#job").getText()).contains("Delivered\n1");
      assertThat(shop.received(stack)).hasSize(1);
      browser.screenshots("replay-job");
      browser.go("/console/#/replays");
      browser.awaitText("main h1", "Replay jobs", Duration.ofSeconds(20));
      browser.visible("main tbody tr");
      browser.screenshots("replays");

      // The other pages.
      browser.go("/console/#/integrations");
      browser.awaitText("main", shop.integration(), Duration.ofSeconds(20));
      browser.screenshots("integrations");
      browser.go("/console/#/audit");
      browser.awaitText("main", "dead-letters.replay", Duration.ofSeconds(20));
      browser.screenshots("audit");

      // A new read-only key: its secret is shown once.
      browser.go("/console/#/keys");
      browser.awaitText("main h1", "Gateway keys", Duration.ofSeconds(20));
      browser.click("#create-key summary, details summary");
      browser.type("#new-key-name", "console read-only " + run);
      new Select(browser.visible("#new-key-kind")).selectByValue("READ_ONLY");
      browser.type("#new-key-owner", "reader@example.com");
      browser.click("#create-key button[type=submit]");
      String secret = browser.visible("#new-secret").getText();
      assertThat(secret).matches("cgw_[a-z0-9]{10}_[A-Za-z0-9]{40}");
      browser.screenshots("keys");

      // Sign out ends the session: its cookie opens nothing any more.
      String csrf =
          (String)
              browser.asyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "fetch('/console/session').then(r => r.json()).then(me => done(me.csrf));");
      String cookie = browser.driver().manage().getCookieNamed(SessionToken.COOKIE).getValue();
      browser.click("#sign-out");
      browser.visible("#sign-in");
      assertThat(browser.driver().manage().getCookieNamed(SessionToken.COOKIE)).isNull();
      assertThat(
              given()
                  .cookie(SessionToken.COOKIE, cookie)
                  .header(SessionToken.CSRF_HEADER, csrf)
                  .get("/api/v1/integrations")
                  .statusCode())
          .isEqualTo(401);

      // A read-only key sees no write control, and a forged write from its session is refused.
      browser.type("#key", secret);
      browser.click("#sign-in button[type=submit]");
      browser.awaitText("main h1", "Overview", Duration.ofSeconds(20));
      assertThat(browser.visible("#who").getText()).contains("read-only");
      browser.go("/console/#/keys");
      browser.awaitText("main", "reader@example.com", Duration.ofSeconds(20));
      assertThat(browser.all("#create-key, [data-action=revoke]")).isEmpty();
      browser.go("/console/#/dead-letters/" + rejected.get(1));
      browser.awaitText("main h1", "Dead letter #" + rejected.get(1), Duration.ofSeconds(20));
      assertThat(browser.all("[data-action=replay], [data-action=dry-run], [data-action=discard]"))
          .isEmpty();
      browser.screenshots("read-only-dead-letter");
      browser.go("/console/#/dead-letters?integration=" + shop.integration());
      browser.awaitText("main h1", "Dead letters", Duration.ofSeconds(20));
      assertThat(browser.all("[data-action=replay-filter]")).isEmpty();
      browser.go("/console/#/integrations");
      browser.awaitText("main", shop.integration(), Duration.ofSeconds(20));
      assertThat(browser.all("[data-action=pause], #create-integration, [data-action=retire]"))
          .isEmpty();
      @SuppressWarnings("unchecked")
      List<Object> forged =
          (List<Object>)
              browser.asyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "fetch('/console/session').then(r => r.json()).then(me =>"
                      + " fetch('/api/v1/replays', {method: 'POST', headers: {'Content-Type':"
                      + " 'application/json', 'X-CSRF-Token': me.csrf}, body: JSON.stringify({ids:"
                      + " [arguments[0]]})})).then(r => r.json().then(b => done([r.status,"
                      + " b.permission])));",
                  rejected.get(1));
      assertThat(forged).containsExactly(403L, "dead-letters:write");
      assertThat(shop.received(stack)).hasSize(1);
      assertThat(admin.get("/api/v1/dead-letters/" + rejected.get(1)).<String>path("state"))
          .isEqualTo("OPEN");
    }
    assertThat(
            admin
                .get("/api/v1/audit?action=console.sign-in&limit=20")
                .<List<Map<String, Object>>>path("items"))
        .isNotEmpty();
  }

  private static List<String> rows(Browser browser) {
    return browser.all("main tbody tr").stream().map(WebElement::getText).toList();
  }
}
