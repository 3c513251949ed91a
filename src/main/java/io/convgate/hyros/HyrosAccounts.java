package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Exchanges the one-time code Hyros hands a user's browser for an API key of that user's account
 * ({@code POST /external-integration/api-keys}: once, within 5 minutes of issue).
 */
@ApplicationScoped
public class HyrosAccounts {

  private final HyrosConnectApi api;
  private final ObjectMapper json;

  public HyrosAccounts(@RestClient HyrosConnectApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  public Uni<CodeExchange> exchange(String code, String keyName) {
    ObjectNode body = json.createObjectNode().put("name", keyName).put("code", code);
    return api.exchange(body)
        .map(this::read)
        .onFailure()
        .recoverWithItem(
            error ->
                new CodeExchange.Unreachable(
                    "Hyros could not be reached (" + error.getClass().getSimpleName() + ")"));
  }

  private CodeExchange read(Response response) {
    int status = response.getStatus();
    String text = response.hasEntity() ? response.readEntity(String.class) : "";
    JsonNode body = HyrosBodies.parse(json, text);
    if (status >= 200 && status < 300) {
      String key = body.path("key").asText(null);
      if (key == null || key.isBlank()) {
        return new CodeExchange.Unreachable("Hyros answered without a key");
      }
      List<String> roles = new ArrayList<>();
      body.path("roles").forEach(role -> roles.add(role.asText()));
      return new CodeExchange.Connected(key, body.path("email").asText(null), List.copyOf(roles));
    }
    if (status >= 400 && status < 500 && status != 429) {
      return new CodeExchange.Refused(status, HyrosBodies.messages(body, text, status));
    }
    return new CodeExchange.Unreachable("Hyros answered " + status);
  }
}
