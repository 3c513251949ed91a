package io.convgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.Browser;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The routes page in a real Chromium: a route created from the form is shown with what it matches,
 * a refused one shows the API's field error, and disable and delete act through the admin API.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class RoutesConsoleTest {

  @Test
  void anOperatorCreatesDisablesAndDeletesARoute() {
    TestStack stack = TestStack.shared();
    Admin admin = Admin.inTest(TestStack.ADMIN_KEY);
    String run = UUID.randomUUID().toString().substring(0, 6);
    String target = "console-route-" + run;
    String key = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(key, target + "@example.com");
    Response created = admin.post("/api/v1/integrations", Map.of("id", target, "hyrosApiKey", key));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String id = "eur-" + run;
    // A source of its own: other classes share this application, and a route on a source they
    // use would send their events to this test's integration.
    String source = "console-" + run + "/*";

    try (Browser browser = Browser.open("http://127.0.0.1:" + RestAssured.port)) {
      browser.go("/console");
      browser.visible("#key");
      browser.driver().switchTo().activeElement().sendKeys(TestStack.ADMIN_KEY, Keys.ENTER);
      browser.awaitText("main h1", "Overview", Duration.ofSeconds(20));
      browser.go("/console/#/routes");
      browser.awaitText("main h1", "Routes", Duration.ofSeconds(20));

      // A target that does not exist: the API's field error is shown, nothing is created.
      browser.click("main details summary");
      browser.type("#route-id", id);
      browser.type("#route-targets", "nobody-" + run);
      browser.click("#create-route button[type=submit]");
      browser.awaitText("#route-outcome", "/targets/0", Duration.ofSeconds(20));
      assertThat(admin.get("/api/v1/routes/" + id).statusCode()).isEqualTo(404);

      browser.visible("#route-targets").clear();
      browser.type("#route-targets", target);
      browser.type("#route-source", source);
      browser.type("#route-types", "sale.completed, sale.refunded");
      browser.type("#route-field", "/currency");
      browser.type("#route-value", "EUR");
      browser.click("#create-route button[type=submit]");
      browser
          .waiting(Duration.ofSeconds(20))
          .until(d -> rows(browser).stream().anyMatch(text -> text.contains(id)));
      assertThat(row(browser, id))
          .contains(
              "source " + source + ", type sale.completed, sale.refunded, data /currency = EUR")
          .contains(target)
          .contains("enabled");
      browser.screenshots("routes");

      inRow(browser, id, "disable").click();
      browser.waiting(Duration.ofSeconds(20)).until(d -> row(browser, id).contains("disabled"));
      assertThat((Boolean) admin.get("/api/v1/routes/" + id).path("enabled")).isFalse();

      inRow(browser, id, "delete").click();
      inRow(browser, id, "delete-confirm").click();
      browser
          .waiting(Duration.ofSeconds(20))
          .until(d -> rows(browser).stream().noneMatch(text -> text.contains(id)));
      assertThat(admin.get("/api/v1/routes/" + id).statusCode()).isEqualTo(404);
    } finally {
      // Never left enabled for the classes that run after this one, whatever failed above.
      admin.delete("/api/v1/routes/" + id);
    }
  }

  /** A button of the route's own row: other classes' routes may be listed above it. */
  private static WebElement inRow(Browser browser, String id, String action) {
    return browser
        .driver()
        .findElement(
            By.xpath(
                "//main//tbody/tr[contains(., '"
                    + id
                    + "')]//button[@data-action='"
                    + action
                    + "']"));
  }

  /** The rows' text, read in one script: the page redraws itself after each action. */
  @SuppressWarnings("unchecked")
  private static List<String> rows(Browser browser) {
    return (List<String>)
        browser.script(
            "return Array.from(document.querySelectorAll('main tbody tr')).map(r => r.innerText)");
  }

  private static String row(Browser browser, String id) {
    return rows(browser).stream().filter(text -> text.contains(id)).findFirst().orElse("");
  }
}
