package io.convgate.api;

import io.convgate.event.FieldError;
import java.util.List;

/** A failure the API answers with its {@link ApiError} body; thrown by resources and filters. */
public class ApiException extends RuntimeException {

  private final transient ApiError body;

  public ApiException(ApiError body) {
    super(body.message(), null, false, false);
    this.body = body;
  }

  public ApiError body() {
    return body;
  }

  public static ApiException badRequest(String message, List<ApiError.Problem> problems) {
    return new ApiException(
        new ApiError(400, "bad-request", message, null, problems.isEmpty() ? null : problems));
  }

  public static ApiException badField(String pointer, String message) {
    return badRequest(
        "the request is not valid: " + pointer + " " + message,
        List.of(new ApiError.Problem(pointer, message)));
  }

  public static ApiException invalidEvents(String message, List<FieldError> errors) {
    return badRequest(
        message, errors.stream().map(e -> new ApiError.Problem(e.field(), e.message())).toList());
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(new ApiError(401, "unauthorized", message, null, null));
  }

  public static ApiException forbidden(Permission needed) {
    return new ApiException(
        new ApiError(
            403,
            "forbidden",
            "this key may not do this: it needs " + needed.code(),
            needed.code(),
            null));
  }

  /** Refused for a reason other than a missing permission, e.g. a console call without CSRF. */
  public static ApiException forbidden(String message) {
    return new ApiException(new ApiError(403, "forbidden", message, null, null));
  }

  public static ApiException notFound(String message) {
    return new ApiException(new ApiError(404, "not-found", message, null, null));
  }

  public static ApiException conflict(String message) {
    return new ApiException(new ApiError(409, "conflict", message, null, null));
  }

  public static ApiException badGateway(String message) {
    return new ApiException(new ApiError(502, "bad-gateway", message, null, null));
  }
}
