package io.convgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of the HTTP API into the one {@link ApiError} body. */
public class ErrorMappers {

  private static final Logger LOGGER = Logger.getLogger(ErrorMappers.class);

  private final Routes routes;

  public ErrorMappers(Routes routes) {
    this.routes = routes;
  }

  @ServerExceptionMapper
  public Response api(ApiException e) {
    return respond(e.body());
  }

  /** More specific than Quarkus' own mapper for it, so wrong types get this body too. */
  @ServerExceptionMapper
  public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
    return json(e);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    String pointer = "/";
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      pointer =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null
                          ? ref.getFieldName()
                          : String.valueOf(ref.getIndex()))
              .collect(Collectors.joining("/", "/", ""));
    }
    String message = "is not valid JSON for this request: " + e.getOriginalMessage();
    return respond(
        new ApiError(
            400,
            "bad-request",
            "the request body cannot be read: " + pointer + " " + message,
            null,
            List.of(new ApiError.Problem(pointer, message))));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, ContainerRequestContext request) {
    int status = e.getResponse().getStatus();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return json(json);
      }
    }
    if (e instanceof NotFoundException) {
      return respond(new ApiError(404, "not-found", "there is nothing at this path", null, null));
    }
    if (e instanceof NotAllowedException) {
      return notAllowed(request);
    }
    if (e instanceof NotSupportedException) {
      return respond(
          new ApiError(
              415, "unsupported-media-type", "send the body as application/json", null, null));
    }
    if (status >= 400 && status < 500) {
      return respond(
          new ApiError(
              status,
              "bad-request",
              "the request cannot be read: send a JSON body as docs/admin-api.md describes",
              null,
              null));
    }
    return internal(e);
  }

  /**
   * Quarkus REST's 405 names no method (its {@code Allow} is empty): the methods come from the
   * resource classes instead.
   */
  private Response notAllowed(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    SortedSet<String> declared = routes.declared(path);
    String takes = declared.isEmpty() ? "no method" : String.join(", ", declared);
    return answer(
            new ApiError(
                405,
                "method-not-allowed",
                path
                    + " does not take "
                    + request.getMethod()
                    + "; it takes "
                    + takes
                    + " (docs/admin-api.md lists every endpoint)",
                null,
                null))
        .header(HttpHeaders.ALLOW, String.join(", ", routes.allowed(path)))
        .build();
  }

  @ServerExceptionMapper
  public Response other(Exception e) {
    return internal(e);
  }

  private static Response internal(Exception e) {
    LOGGER.errorf(e, "API request failed");
    return respond(
        new ApiError(
            500,
            "internal",
            "convgate could not complete the request; the error is in its log",
            null,
            null));
  }

  static Response respond(ApiError body) {
    return answer(body).build();
  }

  private static Response.ResponseBuilder answer(ApiError body) {
    Response.ResponseBuilder answer =
        Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    if (body.status() == 401) {
      // RFC 9110: a 401 says how to authenticate; RFC 6750 names the scheme.
      answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return answer;
  }
}
