package io.convgate.hyperaktiv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.destination.HttpSender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts one lead: {@code POST {url}/api/v1/leads?ref=<origin ref>} with {@code Authorization:
 * Bearer <workspace key>} and a JSON body. Never fails its {@code Uni}; never logs (the key is in a
 * header {@link HttpSender} does not look at).
 */
@ApplicationScoped
public class HyperaktivClient {

  static final String LEADS_PATH = "/api/v1/leads";

  private final ObjectMapper json;
  private final HttpSender http;

  public HyperaktivClient(HyperaktivConfig config, ObjectMapper json, Vertx vertx) {
    this.json = json;
    this.http =
        new HttpSender(
            vertx,
            "convgate.hyperaktiv.url",
            config.url(),
            "",
            Math.toIntExact(config.connectTimeout().toMillis()),
            config.readTimeout().toMillis(),
            config.connectionPoolSize());
  }

  @PreDestroy
  void close() {
    http.close();
  }

  /** One lead, posted to the origin {@code ref}; lazy. */
  public Uni<CallResult> postLead(String workspaceKey, String ref, byte[] body) {
    return http.send(
        HttpMethod.POST,
        LEADS_PATH + "?ref=" + HttpSender.encode(ref),
        "Authorization",
        "Bearer " + workspaceKey,
        body,
        this::read);
  }

  private CallResult read(HttpSender.Answer answer) {
    int status = answer.status();
    JsonNode body = parse(answer.text());
    boolean ok = status >= 200 && status < 300;
    String leadId =
        ok && body != null && body.hasNonNull("leadId") ? body.get("leadId").asText() : null;
    return new CallResult(
        status,
        leadId,
        ok ? List.of() : messages(body, answer.text(), status),
        HttpSender.retryAfter(answer.header("Retry-After"), Clock.systemUTC()),
        null);
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * What Hyperaktiv said: its {@code error} and {@code message}, else the text, else the status.
   */
  private static List<String> messages(JsonNode body, String text, int status) {
    List<String> messages = new ArrayList<>();
    if (body != null && body.isObject()) {
      if (body.hasNonNull("error")) {
        messages.add(body.get("error").asText());
      }
      if (body.hasNonNull("message")) {
        messages.add(body.get("message").asText());
      }
    }
    if (messages.isEmpty()) {
      String shown = text == null ? "" : text.strip();
      messages.add(
          shown.isEmpty()
              ? "HTTP " + status
              : shown.length() > 500 ? shown.substring(0, 500) : shown);
    }
    return List.copyOf(messages);
  }
}
