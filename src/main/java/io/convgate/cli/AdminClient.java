package io.convgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The admin API of docs/admin-api.md over HTTP: JSON in, JSON out, the Bearer key on every call.
 * Answers outside 2xx become {@link ApiException}, no answer at all {@link CannotConnectException}.
 * The key is only ever put in the Authorization header.
 */
final class AdminClient {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final String JSON = "application/json";

  private final String baseUrl;
  private final String apiKey;
  private final ObjectMapper json;
  private final HttpClient http;

  AdminClient(String baseUrl, String apiKey, ObjectMapper json) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  JsonNode get(String path) {
    return get(path, Map.of());
  }

  JsonNode get(String path, Map<String, String> query) {
    return send("GET", path, query, null, null);
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, Map.of(), body == null ? null : bytes(body), JSON);
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, Map.of(), bytes(body), JSON);
  }

  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, Map.of(), bytes(body), JSON);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, Map.of(), null, null);
  }

  /** One call; {@code query} values are encoded here, {@code path} must already be. */
  JsonNode send(
      String method, String path, Map<String, String> query, byte[] body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, query))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", JSON)
            .header("User-Agent", "convgate-cli")
            .header("Authorization", "Bearer " + apiKey);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new CannotConnectException(
          baseUrl, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new CannotConnectException(
          baseUrl, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new CannotConnectException(baseUrl, describe(e), e);
    } catch (IOException e) {
      throw new CannotConnectException(baseUrl, describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CannotConnectException(baseUrl, "interrupted", e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw ApiException.from(status, response.body(), json);
    }
    if (response.body().length == 0) {
      return NullNode.getInstance();
    }
    try {
      return json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ApiException(
          status,
          null,
          "the server's answer is not JSON: " + e.getOriginalMessage(),
          null,
          List.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Encodes one path segment: an id as the operator typed it. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path, Map<String, String> query) {
    StringJoiner params = new StringJoiner("&", "?", "");
    params.setEmptyValue("");
    query.forEach(
        (name, value) ->
            params.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return URI.create(baseUrl + path + params);
  }

  private byte[] bytes(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (e instanceof ConnectException) {
      return e.getMessage() == null
          ? "connection refused"
          : "connection refused (" + e.getMessage() + ")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
