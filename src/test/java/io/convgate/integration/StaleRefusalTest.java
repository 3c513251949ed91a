package io.convgate.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.Admin;
import io.convgate.testkit.StackResource;
import io.convgate.testkit.Tenants;
import io.convgate.testkit.Tenants.Tenant;
import io.convgate.testkit.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A refusal of an integration's old key that is recorded after an operator replaced the key (the
 * call or the release's probe had read the integration just before) leaves the integration ACTIVE:
 * marking it AUTH_FAILED would hold its deliveries behind a key nobody refused, until someone
 * replaced the key again. SecretsScanIT met this race under load: its sale waited behind the new
 * key for a minute, and the integration showed AUTH_FAILED with a working key. A refusal of the key
 * the integration still holds is recorded as before.
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class StaleRefusalTest {

  private final Admin admin = Admin.inTest(TestStack.ADMIN_KEY);

  @Inject IntegrationRegistry registry;

  @Test
  void aRefusalOfTheKeyBeforeAReplacementDoesNotMarkTheNewKeyFailed() {
    TestStack stack = TestStack.shared();
    Tenant tenant = Tenants.create(stack, "stale-refusal", null, null);
    String path = "/api/v1/integrations/" + tenant.integration();
    Integration withOldKey = find(tenant.integration());
    assertThat(withOldKey.apiKey()).isEqualTo(tenant.apiKey());

    String newKey = "hyros-key-" + UUID.randomUUID();
    stack.sandbox().addKey(newKey, "rotated@stale.example");
    Response replaced = admin.put(path + "/key", Map.of("hyrosApiKey", newKey));
    assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
    assertThat((String) admin.get(path).path("status")).isEqualTo("ACTIVE");

    // The refusal of the old key arrives now.
    registry.markAuthFailed(withOldKey).await().atMost(Duration.ofSeconds(10));

    assertThat((String) admin.get(path).path("status"))
        .as("the integration, whose new key nobody refused")
        .isEqualTo("ACTIVE");

    // A refusal of the key it holds now is recorded.
    Integration withNewKey = find(tenant.integration());
    assertThat(withNewKey.apiKey()).isEqualTo(newKey);
    registry.markAuthFailed(withNewKey).await().atMost(Duration.ofSeconds(10));

    assertThat((String) admin.get(path).path("status")).isEqualTo("AUTH_FAILED");
  }

  private Integration find(String id) {
    return registry.refresh(id).await().atMost(Duration.ofSeconds(10)).orElseThrow();
  }
}
