package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.destination.KeyCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The accounts behind keys: exchanges the one-time code Hyros hands a user's browser for an API key
 * of that user's account ({@code POST /external-integration/api-keys}: once, within 5 minutes of
 * issue), and asks Hyros whether it takes a key and whose it is ({@code GET /user-info}).
 */
@ApplicationScoped
public class HyrosAccounts {

  private final HyrosConnectApi api;
  private final HyrosApi keys;
  private final ObjectMapper json;

  public HyrosAccounts(
      @RestClient HyrosConnectApi api, @RestClient HyrosApi keys, ObjectMapper json) {
    this.api = api;
    this.keys = keys;
    this.json = json;
  }

  /**
   * Asks Hyros about a key ({@code GET /user-info}); gives up after {@code timeout}. Never fails,
   * and no answer carries the key: a Hyros message that repeats it has it replaced.
   */
  public Uni<KeyCheck> check(String apiKey, Duration timeout) {
    return keys.userInfo(apiKey)
        .map(response -> readCheck(response, apiKey))
        .onFailure(WebApplicationException.class)
        .recoverWithItem(
            error -> readCheck(((WebApplicationException) error).getResponse(), apiKey))
        .ifNoItem()
        .after(timeout)
        .recoverWithItem(
            () ->
                new KeyCheck.Unanswered(
                    "Hyros did not answer within " + timeout.toSeconds() + " s"))
        .onFailure()
        .recoverWithItem(
            error ->
                new KeyCheck.Unanswered(
                    "Hyros could not be reached (" + error.getClass().getSimpleName() + ")"));
  }

  private KeyCheck readCheck(Response response, String apiKey) {
    try (response) {
      int status = response.getStatus();
      String text = response.hasEntity() ? response.readEntity(String.class) : "";
      JsonNode body = HyrosBodies.parse(json, text);
      if (status >= 200 && status < 300) {
        String email = body.path("result").path("userProfile").path("email").asText(null);
        return new KeyCheck.Accepted(email == null || email.isBlank() ? null : email);
      }
      List<String> messages =
          HyrosBodies.messages(body, text, status).stream()
              .map(message -> apiKey.length() < 8 ? message : message.replace(apiKey, "<the key>"))
              .toList();
      if (status == 401 || status == 403) {
        return new KeyCheck.Refused(status, messages);
      }
      return new KeyCheck.Unanswered(
          "Hyros answered "
              + status
              + (messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")"));
    }
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
