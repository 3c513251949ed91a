package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Sends one {@link HyrosCall} and describes what happened. Never fails its {@code Uni}: I/O errors
 * become a {@link HyrosResult} with status 0, so the caller's one classifier sees every outcome.
 */
@ApplicationScoped
public class HyrosClient {

  private final HyrosApi api;
  private final ObjectMapper json;

  public HyrosClient(@RestClient HyrosApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  public Uni<HyrosResult> send(String apiKey, HyrosCall call) {
    Uni<Response> response =
        switch (call.operation()) {
          case CREATE_LEAD -> api.createLead(apiKey, call.body());
          case CREATE_ORDER -> api.createOrder(apiKey, call.body());
          case REFUND_ORDER -> api.refundOrder(apiKey, call.orderId(), call.refundedAmount());
        };
    return response.map(this::read).onFailure().recoverWithItem(this::fromFailure);
  }

  /** The cheap key check ({@code GET /user-info}): does Hyros answer, and take this key? */
  public Uni<HyrosResult> checkKey(String apiKey) {
    return api.userInfo(apiKey).map(this::read).onFailure().recoverWithItem(this::fromFailure);
  }

  /** A status turned into an exception by a response mapper is still a response. */
  private HyrosResult fromFailure(Throwable failure) {
    if (failure instanceof WebApplicationException wae && wae.getResponse() != null) {
      return read(wae.getResponse());
    }
    return HyrosResult.ioFailure(failure);
  }

  private HyrosResult read(Response response) {
    try (response) {
      String text = response.hasEntity() ? response.readEntity(String.class) : "";
      JsonNode body = HyrosBodies.parse(json, text);
      String requestId = body.hasNonNull("request_id") ? body.get("request_id").asText() : null;
      return new HyrosResult(
          response.getStatus(),
          requestId,
          HyrosBodies.messages(body, text, response.getStatus()),
          retryAfter(response.getHeaderString("Retry-After")),
          null,
          integer(response.getHeaderString("X-RateLimit-Remaining")),
          epochSeconds(response.getHeaderString("X-RateLimit-Reset")));
    }
  }

  private static Integer integer(String header) {
    try {
      return header == null ? null : Integer.valueOf(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant epochSeconds(String header) {
    try {
      return header == null ? null : Instant.ofEpochSecond(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
