package io.convgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.sandbox.hyperaktiv.ReceivedLead;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Integrations of either kind made through the admin API, as an operator makes them, with their
 * account at the matching sandbox; and leads that name no integration (so routes decide).
 */
public final class HyperaktivTenants {

  /** A Hyperaktiv integration: its workspace key and origin ref at the sandbox. */
  public record HyperaktivTenant(String integration, String workspaceKey, String ref) {

    /** The leads the sandbox accepted for this workspace and origin, in arrival order. */
    public List<ReceivedLead> received(TestStack stack) {
      return stack.hyperaktiv().leads(workspaceKey, ref);
    }
  }

  private HyperaktivTenants() {}

  /** Creates a Hyperaktiv integration; limits null for the kind's defaults. */
  public static HyperaktivTenant hyperaktiv(
      TestStack stack, Admin admin, String prefix, Integer perSecond, Integer perMinute) {
    return hyperaktivWithId(stack, admin, prefix + "-" + run(), perSecond, perMinute);
  }

  /** As {@link #hyperaktiv}, with the integration id given. */
  public static HyperaktivTenant hyperaktivWithId(
      TestStack stack, Admin admin, String id, Integer perSecond, Integer perMinute) {
    HyperaktivTenant tenant =
        new HyperaktivTenant(id, "hk-workspace-" + UUID.randomUUID(), "origin-" + run());
    stack.hyperaktiv().addWorkspace(tenant.workspaceKey(), tenant.ref());
    Map<String, Object> body = new HashMap<>();
    body.put("id", tenant.integration());
    body.put("destination", "hyperaktiv");
    body.put("apiKey", tenant.workspaceKey());
    body.put("settings", Map.of("ref", tenant.ref()));
    limits(body, perSecond, perMinute);
    Response created = admin.post("/api/v1/integrations", body);
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return tenant;
  }

  /**
   * Creates a Hyros integration through the API; with limits, the sandbox enforces the same ones.
   * The key check when the key is given ({@code GET /user-info}) is a call the sandbox counts: the
   * integration's pacer counts it too, so the deliveries right after it stay within the limits.
   */
  public static Tenant hyros(
      TestStack stack, Admin admin, String prefix, Integer perSecond, Integer perMinute) {
    return hyrosWithId(stack, admin, prefix + "-" + run(), perSecond, perMinute);
  }

  /** As {@link #hyros}, with the integration id given. */
  public static Tenant hyrosWithId(
      TestStack stack, Admin admin, String id, Integer perSecond, Integer perMinute) {
    Tenant tenant = new Tenant(id, "hyros-key-" + UUID.randomUUID());
    Tenants.sandboxKey(stack, tenant, perSecond, perMinute);
    Map<String, Object> body = new HashMap<>();
    body.put("id", tenant.integration());
    body.put("hyrosApiKey", tenant.apiKey());
    limits(body, perSecond, perMinute);
    Response created = admin.post("/api/v1/integrations", body);
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return tenant;
  }

  /** A route of these types from {@code source} to the targets, made through the API. */
  public static void route(
      Admin admin, String id, String source, List<String> types, List<String> targets) {
    Response created =
        admin.post(
            "/api/v1/routes",
            Map.of("id", id, "source", source, "types", types, "targets", targets));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
  }

  /** A record of an event that names no integration, from {@code source}, keyed by {@code key}. */
  public static ProducerRecord<byte[], byte[]> unnamed(
      String eventId, String type, String source, String key, ObjectNode data) {
    ObjectNode envelope = Events.envelope(eventId, type, null, "2026-11-20T10:00:00Z", data);
    envelope.remove("integration");
    envelope.put("source", source);
    return new ProducerRecord<>(
        "crm.events",
        key.getBytes(StandardCharsets.UTF_8),
        envelope.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void limits(Map<String, Object> body, Integer perSecond, Integer perMinute) {
    if (perSecond != null) {
      body.put("requestsPerSecond", perSecond);
    }
    if (perMinute != null) {
      body.put("requestsPerMinute", perMinute);
    }
  }
}
