package io.convgate.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;

/** Calls to convgate's admin API, as an operator's tool makes them. */
public final class Admin {

  private final String baseUrl;
  private final String key;

  private Admin(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** Against the gateway of a {@code @QuarkusTest} (RestAssured's port), with this key. */
  public static Admin inTest(String key) {
    return new Admin(null, key);
  }

  /** Against a gateway process. */
  public static Admin at(String baseUrl, String key) {
    return new Admin(baseUrl, key);
  }

  public Admin withKey(String other) {
    return new Admin(baseUrl, other);
  }

  public RequestSpecification request() {
    RequestSpecification spec = given();
    if (baseUrl != null) {
      spec = spec.baseUri(baseUrl);
    }
    if (key != null) {
      spec =
          spec.header(
              "Authorization",
              key.startsWith("Bearer ") || key.startsWith("Basic ") ? key : "Bearer " + key);
    }
    return spec;
  }

  public Response get(String path) {
    return request().get(path);
  }

  public Response post(String path, Object body) {
    return body == null
        ? request().post(path)
        : request().contentType(ContentType.JSON).body(body).post(path);
  }

  /** Starts a backfill of {@code resource} over [from, to) and checks it was accepted (202). */
  public Response startBackfill(String integrationId, String resource, Instant from, Instant to) {
    Response started =
        post(
            "/api/v1/sync/backfills",
            Map.of(
                "integrationId",
                integrationId,
                "resource",
                resource,
                "from",
                from.toString(),
                "to",
                to.toString()));
    assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
    return started;
  }

  public Response put(String path, Object body) {
    return request().contentType(ContentType.JSON).body(body).put(path);
  }

  public Response patch(String path, Object body) {
    return request().contentType(ContentType.JSON).body(body).patch(path);
  }

  public Response delete(String path) {
    return request().delete(path);
  }

  /** Creates a gateway key and returns its whole secret. */
  public String createKey(String kind, java.util.List<String> permissions) {
    java.util.Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", "test " + kind + " " + permissions);
    body.put("kind", kind);
    if (!permissions.isEmpty()) {
      body.put("permissions", permissions);
    }
    body.put("ownerType", "MACHINE");
    body.put("owner", "tests");
    Response response = post("/api/v1/api-keys", body);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("key not created: " + response.asString());
    }
    return response.path("secret");
  }

  /** Produces invalid events for an integration and returns their dead-letter ids, once indexed. */
  public java.util.Deque<Long> invalidEventsIndexed(
      TestStack stack, String integration, String run, int count) {
    Admin admin = this;
    java.util.List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records =
        new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "evt-invalid-" + run + "-" + i;
      records.add(
          Tenants.record(
              id,
              Events.envelope(
                  id,
                  "lead.upserted",
                  integration,
                  "2026-11-22T10:00:00Z",
                  Events.lead("not-an-email"))));
    }
    Tenants.produce(stack, records);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                admin
                        .get("/api/v1/dead-letters?integration=" + integration + "&limit=1000")
                        .<java.util.List<Object>>path("items")
                        .size()
                    >= count);
    java.util.List<Integer> ids =
        admin
            .get("/api/v1/dead-letters?integration=" + integration + "&limit=1000")
            .path("items.id");
    java.util.Deque<Long> out = new java.util.ArrayDeque<>();
    ids.forEach(id -> out.add(id.longValue()));
    return out;
  }
}
