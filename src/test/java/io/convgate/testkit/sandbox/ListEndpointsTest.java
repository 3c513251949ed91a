package io.convgate.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.testkit.TestHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's list endpoints, as a reader sees them over HTTP. */
class ListEndpointsTest {

  private static final String KEY = "list-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HyrosSandbox sandbox = new HyrosSandbox(1000, 100_000).start(0);
  private final HttpClient http = TestHttp.client();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void pagesCoverTheCreationWindowOnceEachAndSeeLaterChanges() throws Exception {
    sandbox.addKey(KEY, "a@example.com");
    List<String> ids = sandbox.history().seedSales(KEY, 1_000, Duration.ofDays(100), now);
    Instant from = now.minus(Duration.ofDays(30));
    List<String> read = new ArrayList<>();
    String pageId = null;
    int pages = 0;
    do {
      JsonNode page = get("sales", from, now, 100, pageId);
      page.get("result").forEach(r -> read.add(r.get("id").asText()));
      pageId = page.hasNonNull("nextPageId") ? page.get("nextPageId").asText() : null;
      pages++;
    } while (pageId != null);
    assertThat(read).doesNotHaveDuplicates().hasSize(299);
    assertThat(new HashSet<>(read)).isEqualTo(new HashSet<>(ids.subList(701, 1000)));
    assertThat(pages).isEqualTo(3);

    sandbox.history().refundSales(KEY, List.of(ids.get(800)), "49.00");
    JsonNode again = get("sales", from, now, 250, null);
    Set<Double> refunded = new HashSet<>();
    again.get("result").forEach(r -> refunded.add(r.path("price").path("refunded").asDouble()));
    assertThat(refunded).containsExactlyInAnyOrder(0.0, 49.0);
  }

  @Test
  void theLookBackThePageSizeAndTheReadLagAreEnforced() throws Exception {
    sandbox.addKey(KEY, "a@example.com");
    assertThat(status("sales", now.minus(Duration.ofDays(91)), now, 10)).isEqualTo(400);
    assertThat(status("sales", now.minus(Duration.ofDays(1)), now, 251)).isEqualTo(400);
    assertThat(status("sales", now.minus(Duration.ofDays(1)), now, 0)).isEqualTo(400);

    sandbox.history().setReadLag(Duration.ofMinutes(5));
    String order =
        "{\"email\":\"b@example.com\",\"orderId\":\"O-1\",\"items\":[{\"name\":\"Plan\",\"price\":10}]}";
    HttpResponse<String> written =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v1.0/orders"))
                .header("API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).isEqualTo(200);
    JsonNode page =
        get("sales", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), 10, null);
    assertThat(page.get("result")).as("a write is not readable before the lag").isEmpty();
    sandbox.history().setReadLag(Duration.ZERO);
    assertThat(
            sandbox
                .history()
                .sales(KEY, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))))
        .as("but it is held")
        .hasSize(1);
  }

  @Test
  void readsCountAgainstTheKeysLimitsAndFaultsApply() throws Exception {
    sandbox.addKey(KEY, "a@example.com", 100, 2);
    assertThat(status("leads", now.minus(Duration.ofDays(1)), now, 10)).isEqualTo(200);
    assertThat(status("leads", now.minus(Duration.ofDays(1)), now, 10)).isEqualTo(200);
    assertThat(status("leads", now.minus(Duration.ofDays(1)), now, 10)).isEqualTo(429);
    sandbox.inject(Fault.times(KEY, 503, 1));
    assertThat(status("calls", now.minus(Duration.ofDays(1)), now.plusSeconds(5), 10))
        .isEqualTo(503);
  }

  private JsonNode get(String resource, Instant from, Instant to, int size, String pageId)
      throws Exception {
    HttpResponse<String> response = request(resource, from, to, size, pageId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private int status(String resource, Instant from, Instant to, int size) throws Exception {
    return request(resource, from, to, size, null).statusCode();
  }

  private HttpResponse<String> request(
      String resource, Instant from, Instant to, int size, String pageId) throws Exception {
    String query =
        "fromDate="
            + enc(from.toString())
            + "&toDate="
            + enc(to.toString())
            + "&pageSize="
            + size
            + (pageId == null ? "" : "&pageId=" + enc(pageId));
    return http.send(
        HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/api/v1.0/" + resource + "?" + query))
            .header("API-Key", KEY)
            .timeout(TestHttp.REQUEST_TIMEOUT)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
