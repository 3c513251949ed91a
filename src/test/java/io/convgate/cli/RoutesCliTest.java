package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code convgate routes list|add|set|rm}: the requests they make and what they print. */
class RoutesCliTest extends FakeAdminApiTest {

  private static final String EUR =
      """
      {"id": "eur-sales", "name": "EUR sales", "source": "billing/*",
       "types": ["sale.completed"], "field": "/currency", "value": "EUR",
       "targets": ["shop-eu", "shop-all"], "enabled": true,
       "createdAt": "2026-12-05T00:00:00Z", "updatedAt": "2026-12-05T00:00:00Z"}""";

  @Test
  void listShowsWhatEachRouteMatchesAndWhereItSends() {
    api.answer("GET", "/api/v1/routes", 200, "{\"items\": [" + EUR + "]}");

    CliRun run = cli("routes", "list");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("eur-sales")
        .contains("source billing/*, type sale.completed, data /currency = EUR")
        .contains("shop-eu, shop-all");
  }

  @Test
  void addSendsTheRouteAsOptionsSayAndPrintsIt() throws Exception {
    api.answer("POST", "/api/v1/routes", 201, EUR);

    CliRun run =
        cli(
            "routes",
            "add",
            "--id",
            "eur-sales",
            "--source",
            "billing/*",
            "--type",
            "sale.completed",
            "--field",
            "/currency",
            "--value",
            "EUR",
            "--to",
            "shop-eu",
            "--to",
            "shop-all");

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode sent = sentJson("POST", "/api/v1/routes");
    assertThat(sent.path("id").asText()).isEqualTo("eur-sales");
    assertThat(sent.path("targets").toString()).isEqualTo("[\"shop-eu\",\"shop-all\"]");
    assertThat(sent.path("field").asText()).isEqualTo("/currency");
    assertThat(sent.has("enabled")).isFalse();
    assertThat(run.out).contains("Route eur-sales: source billing/*").contains("-> shop-eu");
  }

  @Test
  void setSendsOnlyWhatChangesAndRmDeletes() throws Exception {
    api.answer("PATCH", "/api/v1/routes/eur-sales", 200, EUR.replace("true", "false"));
    api.answer("DELETE", "/api/v1/routes/eur-sales", 200, EUR);

    CliRun set = cli("routes", "set", "eur-sales", "--enabled", "false");
    CliRun rm = cli("routes", "rm", "eur-sales");

    assertThat(set.exitCode).as(set.toString()).isZero();
    assertThat(sentJson("PATCH", "/api/v1/routes/eur-sales").toString())
        .isEqualTo("{\"enabled\":false}");
    assertThat(set.out).contains("Route eur-sales (disabled)");
    assertThat(rm.exitCode).as(rm.toString()).isZero();
    assertThat(rm.out).contains("Deleted. Route eur-sales");
  }

  @Test
  void aRefusedFieldIsShownAsTheApiNamesIt() {
    api.answer(
        "POST",
        "/api/v1/routes",
        400,
        "{\"status\": 400, \"error\": \"bad-request\", \"message\": \"the request is not valid:"
            + " /targets/0 names no integration\", \"fieldErrors\": [{\"pointer\":"
            + " \"/targets/0\", \"message\": \"names no integration: there is no integration"
            + " 'nobody'\"}]}");

    CliRun run = cli("routes", "add", "--id", "r", "--to", "nobody");

    assertThat(run.exitCode).isNotZero();
    assertThat(run.err).contains("/targets/0").contains("nobody");
  }
}
