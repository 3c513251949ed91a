package io.convgate.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.api.Access;
import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.apikey.CurrentCaller;
import io.convgate.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dead letters for operators: list, inspect, discard, replay, follow replays. */
@Path("/api/v1")
@Tag(name = "Dead letters", description = "What convgate could not deliver, and replays")
public class DeadLetterResource {

  private final DeadLetterStore store;
  private final ReplayJobs replays;
  private final ReplayGuard guard;
  private final ReplayStore jobs;
  private final CurrentCaller caller;
  private final AuditLog audit;
  private final ObjectMapper json;

  public DeadLetterResource(
      DeadLetterStore store,
      ReplayJobs replays,
      ReplayGuard guard,
      ReplayStore jobs,
      CurrentCaller caller,
      AuditLog audit,
      ObjectMapper json) {
    this.store = store;
    this.replays = replays;
    this.guard = guard;
    this.jobs = jobs;
    this.caller = caller;
    this.audit = audit;
    this.json = json;
  }

  /**
   * A page of dead letters, newest first; {@code next} is the {@code after} of the next (older)
   * page, or null.
   */
  public record Page(List<DeadLetterSummary> items, String next) {}

  /** Why a dead letter is discarded. */
  public record Discard(String reason) {}

  /** A list of jobs. */
  public record JobList(List<ReplayJob> items) {}

  @GET
  @Path("dead-letters")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.READ)
  @Operation(summary = "List dead letters, newest first, filtered")
  public Uni<Page> list(
      @QueryParam("integration") String integration,
      @QueryParam("type") String type,
      @QueryParam("reason") String reason,
      @QueryParam("httpStatus") String httpStatus,
      @QueryParam("state") String state,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after) {
    List<ApiError.Problem> problems = new ArrayList<>();
    DeadLetterFilter filter =
        filter(integration, type, reason, httpStatus, state, from, to, "?", problems);
    int size = parseInt(limit, 100, 1, 1000, "?limit", problems);
    Long cursor = parseCursor(after, "?after", problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the filter is not valid", problems);
    }
    return store
        .list(filter, size, cursor)
        .map(
            items ->
                new Page(
                    items,
                    items.size() < size ? null : String.valueOf(items.get(items.size() - 1).id())));
  }

  @GET
  @Path("dead-letters/{id}")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.READ)
  @Operation(summary = "One dead letter: payload, headers, reasons, replay history")
  public Uni<DeadLetterDetail> get(@PathParam("id") String id) {
    long key = id(id);
    return store.detail(key).map(found -> found.orElseThrow(() -> unknown(key)));
  }

  @POST
  @Path("dead-letters/{id}/discard")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.WRITE)
  @Operation(summary = "Discard a dead letter: it will not be delivered; the reason is kept")
  public Uni<DeadLetterSummary> discard(@PathParam("id") String id, Discard body) {
    long key = id(id);
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw ApiException.badField("/reason", "is required: say why this must not be delivered");
    }
    String actor = caller.actor();
    return store
        .discard(key, actor, body.reason().trim())
        .chain(
            found -> {
              if (found.isPresent()) {
                return Uni.createFrom().item(found.get());
              }
              return store
                  .stateOf(key)
                  .map(
                      state -> {
                        throw state.isEmpty()
                            ? unknown(key)
                            : ApiException.conflict(
                                "dead letter "
                                    + key
                                    + " is "
                                    + state.get()
                                    + ": it cannot be discarded now");
                      });
            })
        .call(
            letter ->
                audit.record(
                    actor,
                    "dead-letters.discard",
                    "dead-letter " + key,
                    Map.of("reason", body.reason().trim()),
                    "ok"));
  }

  @POST
  @Path("replays")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.WRITE)
  @Operation(
      summary =
          "Replay dead letters by id or by filter (all OPEN ones if neither); dryRun says what"
              + " would happen")
  public Uni<Response> replay(JsonNode body) {
    JsonNode request = body == null || body.isNull() ? json.createObjectNode() : body;
    if (!request.isObject()) {
      throw ApiException.badField("/", "must be an object with ids, filter or dryRun");
    }
    List<ApiError.Problem> problems = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    JsonNode idNodes = request.path("ids");
    if (!idNodes.isMissingNode() && !idNodes.isNull()) {
      if (!idNodes.isArray() || idNodes.isEmpty()) {
        problems.add(new ApiError.Problem("/ids", "must be a non-empty array of dead-letter ids"));
      } else {
        for (int i = 0; i < idNodes.size(); i++) {
          if (!idNodes.get(i).canConvertToLong()) {
            problems.add(new ApiError.Problem("/ids/" + i, "must be a dead-letter id (a number)"));
          } else {
            ids.add(idNodes.get(i).asLong());
          }
        }
      }
    }
    JsonNode f = request.path("filter");
    if (!ids.isEmpty() && !f.isMissingNode() && !f.isNull()) {
      problems.add(new ApiError.Problem("/filter", "give ids or a filter, not both"));
    }
    DeadLetterFilter filter =
        filter(
            text(f, "integration"),
            text(f, "type"),
            text(f, "reason"),
            text(f, "httpStatus"),
            f.has("state") ? text(f, "state") : DeadLetterState.OPEN.name(),
            text(f, "from"),
            text(f, "to"),
            "/filter/",
            problems);
    boolean dryRun = request.path("dryRun").asBoolean(false);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the replay request is not valid", problems);
    }
    if (dryRun) {
      return guard
          .refuseRetired(ids, filter)
          .chain(() -> replays.dryRun(ids, filter))
          .map(plan -> Response.ok(plan).build());
    }
    String actor = caller.actor();
    return guard
        .refuseRetired(ids, filter)
        .chain(() -> replays.start(ids, filter, request, actor))
        .map(job -> Response.status(202).entity(job).build());
  }

  @GET
  @Path("replays")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.READ)
  @Operation(summary = "Recent replay jobs")
  public Uni<JobList> jobs() {
    return jobs.list(100).map(JobList::new);
  }

  @GET
  @Path("replays/{id}")
  @Requires(resource = Resource.DEAD_LETTERS, access = Access.READ)
  @Operation(summary = "A replay job's progress")
  public Uni<ReplayJob> job(@PathParam("id") String id) {
    return jobs.find(id)
        .map(
            found ->
                found.orElseThrow(
                    () -> ApiException.notFound("no replay job with id '" + id + "'")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static DeadLetterFilter filter(
      String integration,
      String type,
      String reason,
      String httpStatus,
      String state,
      String from,
      String to,
      String prefix,
      List<ApiError.Problem> problems) {
    DeadLetterState parsedState = null;
    if (state != null && !state.isBlank()) {
      try {
        parsedState = DeadLetterState.valueOf(state);
      } catch (IllegalArgumentException e) {
        problems.add(
            new ApiError.Problem(
                prefix + "state",
                "must be one of " + java.util.Arrays.toString(DeadLetterState.values())));
      }
    }
    Integer status = null;
    if (httpStatus != null) {
      status = parseInt(httpStatus, 0, 100, 599, prefix + "httpStatus", problems);
    }
    return new DeadLetterFilter(
        blankToNull(integration),
        blankToNull(type),
        blankToNull(reason),
        status,
        parsedState,
        instant(from, prefix + "from", problems),
        instant(to, prefix + "to", problems));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static Instant instant(String value, String pointer, List<ApiError.Problem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(
          new ApiError.Problem(pointer, "must be an ISO-8601 instant, e.g. 2026-11-23T07:00:00Z"));
      return null;
    }
  }

  private static int parseInt(
      String value,
      int fallback,
      int min,
      int max,
      String pointer,
      List<ApiError.Problem> problems) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new ApiError.Problem(pointer, "must be a whole number from " + min + " to " + max));
    return fallback;
  }

  /** The {@code after} cursor: the last id of the previous page, or null for the first page. */
  private static Long parseCursor(String value, String pointer, List<ApiError.Problem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      problems.add(new ApiError.Problem(pointer, "must be the 'next' value of the previous page"));
      return null;
    }
  }

  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no dead letter with id '" + id + "' (ids are numbers)");
    }
  }

  private static ApiException unknown(long id) {
    return ApiException.notFound("no dead letter with id " + id);
  }
}
