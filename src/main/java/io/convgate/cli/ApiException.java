package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An answer of the admin API outside 2xx, read from the error body of docs/admin-api.md. */
final class ApiException extends RuntimeException {

  /** One entry of the error body's {@code fieldErrors}. */
  record FieldError(String pointer, String message) {}

  private final int status;
  private final String error;
  private final String permission;
  private final List<FieldError> fieldErrors;

  ApiException(
      int status, String error, String message, String permission, List<FieldError> fieldErrors) {
    super(message);
    this.status = status;
    this.error = error;
    this.permission = permission;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String permission() {
    return permission;
  }

  List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /** The error body if it is one; otherwise the status and the start of whatever came back. */
  static ApiException from(int status, byte[] body, ObjectMapper json) {
    JsonNode node = null;
    try {
      node = body.length == 0 ? null : json.readTree(body);
    } catch (IOException notJson) {
      // a proxy's HTML page, a plain-text 502: described below
    }
    if (node != null && node.isObject() && node.hasNonNull("message")) {
      List<FieldError> fieldErrors = new ArrayList<>();
      for (JsonNode fieldError : node.path("fieldErrors")) {
        fieldErrors.add(
            new FieldError(
                fieldError.path("pointer").asText(""), fieldError.path("message").asText("")));
      }
      return new ApiException(
          status,
          node.path("error").asText(null),
          node.path("message").asText(),
          node.hasNonNull("permission") ? node.path("permission").asText() : null,
          fieldErrors);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    if (text.length() > 200) {
      text = text.substring(0, 200) + "…";
    }
    String message =
        "the server answered HTTP " + status + (text.isEmpty() ? "" : " (" + text + ")");
    return new ApiException(status, null, message, null, List.of());
  }
}
