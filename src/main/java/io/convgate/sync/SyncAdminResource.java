package io.convgate.sync;

import io.convgate.api.Access;
import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.apikey.CurrentCaller;
import io.convgate.audit.AuditLog;
import io.convgate.integration.IntegrationRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sync jobs and backfills: reading Hyros back into change topics (docs/admin-api.md). */
@Path("/api/v1/sync")
@Tag(name = "Sync", description = "Reading leads, sales, calls and subscriptions back from Hyros")
public class SyncAdminResource {

  /** A job's schedule; absent values take the {@code convgate.sync.*} defaults. */
  public record JobRequest(String interval, String overlap, String trailing, Boolean enabled) {}

  /** A job with its last runs. */
  public record JobDetail(SyncJob job, List<RunLog.Run> runs) {}

  public record Jobs(List<SyncJob> items) {}

  /** A backfill to start: creation dates {@code [from, to)}, ISO-8601 with an offset. */
  public record BackfillRequest(String integrationId, String resource, String from, String to) {}

  public record Backfills(List<Backfill> items) {}

  private final JobStore jobs;
  private final BackfillStore backfills;
  private final IntegrationRegistry registry;
  private final SyncConfig config;
  private final CurrentCaller caller;
  private final AuditLog audit;
  private final WindowPlanner planner;

  public SyncAdminResource(
      JobStore jobs,
      BackfillStore backfills,
      IntegrationRegistry registry,
      SyncConfig config,
      CurrentCaller caller,
      AuditLog audit,
      Clock clock) {
    this.jobs = jobs;
    this.backfills = backfills;
    this.registry = registry;
    this.config = config;
    this.caller = caller;
    this.audit = audit;
    this.planner = new WindowPlanner(clock, config.lookBack());
  }

  @GET
  @Path("jobs")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "Sync jobs, with their cursor, last success and counts")
  public Uni<Jobs> list(@QueryParam("integration") String integration) {
    return jobs.list(integration == null || integration.isBlank() ? null : integration)
        .map(Jobs::new);
  }

  @GET
  @Path("jobs/{integration}/{resource}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "One sync job and its last 20 runs")
  public Uni<JobDetail> get(
      @PathParam("integration") String integration, @PathParam("resource") String resource) {
    SyncedResource kind = resource(resource, "/resource");
    return jobs.find(integration, kind)
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        ApiException.notFound(
                            "no sync job for integration '" + integration + "' and " + resource)))
        .chain(job -> jobs.runs(integration, kind, 20).map(runs -> new JobDetail(job, runs)));
  }

  @PUT
  @Path("jobs/{integration}/{resource}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary =
          "Create a sync job, or change its schedule (interval, overlap, trailing as ISO-8601"
              + " durations, enabled); its cursor is kept")
  public Uni<SyncJob> put(
      @PathParam("integration") String integration,
      @PathParam("resource") String resource,
      JobRequest body) {
    SyncedResource kind = resource(resource, "/resource");
    JobRequest request = body == null ? new JobRequest(null, null, null, null) : body;
    List<ApiError.Problem> problems = new ArrayList<>();
    Duration interval = duration(request.interval(), config.interval(), "/interval", problems);
    Duration overlap = duration(request.overlap(), config.overlap(), "/overlap", problems);
    Duration trailing = duration(request.trailing(), config.trailing(), "/trailing", problems);
    if (interval != null && interval.toSeconds() < 1) {
      problems.add(new ApiError.Problem("/interval", "must be at least one second"));
    }
    if (trailing != null && trailing.compareTo(config.lookBack()) > 0) {
      problems.add(
          new ApiError.Problem(
              "/trailing", "must not reach beyond Hyros' look-back of " + config.lookBack()));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the sync job is not valid", problems);
    }
    boolean enabled = request.enabled() == null || request.enabled();
    String actor = caller.actor();
    return known(integration)
        .chain(() -> jobs.upsert(integration, kind, interval, overlap, trailing, enabled))
        .call(
            job ->
                audit.record(
                    actor,
                    "sync.job.put",
                    "integration " + integration,
                    Map.of(
                        "resource",
                        kind.code(),
                        "interval",
                        interval.toString(),
                        "enabled",
                        String.valueOf(enabled)),
                    "ok"));
  }

  @POST
  @Path("jobs/{integration}/{resource}/run")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(summary = "Make a sync job due now (it runs at the scheduler's next tick)")
  public Uni<Response> runNow(
      @PathParam("integration") String integration, @PathParam("resource") String resource) {
    SyncedResource kind = resource(resource, "/resource");
    return jobs.runNow(integration, kind)
        .chain(
            found -> {
              if (!found) {
                throw ApiException.notFound(
                    "no sync job for integration '" + integration + "' and " + resource);
              }
              return jobs.find(integration, kind);
            })
        .map(job -> Response.status(202).entity(job.orElseThrow()).build());
  }

  @POST
  @Path("backfills")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary =
          "Start a backfill of records created in [from, to), cut to Hyros' look-back; it shares"
              + " the integration's budget with deliveries as jobs do")
  public Uni<Response> backfill(BackfillRequest body) {
    if (body == null) {
      throw ApiException.badField("/", "must be an object with integrationId, resource, from, to");
    }
    List<ApiError.Problem> problems = new ArrayList<>();
    if (body.integrationId() == null || body.integrationId().isBlank()) {
      problems.add(new ApiError.Problem("/integrationId", "is required"));
    }
    SyncedResource kind =
        body.resource() == null ? null : SyncedResource.fromCode(body.resource()).orElse(null);
    if (kind == null) {
      problems.add(
          new ApiError.Problem("/resource", "must be one of leads, sales, calls, subscriptions"));
    }
    Instant from = instant(body.from(), "/from", problems);
    Instant to = instant(body.to(), "/to", problems);
    if (from != null && to != null && !from.isBefore(to)) {
      problems.add(new ApiError.Problem("/to", "must be after from"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the backfill request is not valid", problems);
    }
    ReadWindow window =
        planner
            .backfill(from, to)
            .orElseThrow(
                () ->
                    ApiException.badField(
                        "/from",
                        "nothing of this range is readable: Hyros looks back "
                            + config.lookBack()
                            + " at most"));
    String actor = caller.actor();
    String id = "bf-" + UUID.randomUUID();
    return known(body.integrationId())
        .chain(() -> backfills.create(id, body.integrationId(), kind, from, to, window, actor))
        .call(
            created ->
                audit.record(
                    actor,
                    "sync.backfill.start",
                    "integration " + body.integrationId(),
                    Map.of(
                        "resource",
                        kind.code(),
                        "from",
                        window.from().toString(),
                        "to",
                        window.to().toString()),
                    "ok"))
        .map(created -> Response.status(202).entity(created).build());
  }

  @GET
  @Path("backfills")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "Recent backfills, newest first")
  public Uni<Backfills> backfills() {
    return backfills.list(100).map(Backfills::new);
  }

  @GET
  @Path("backfills/{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "A backfill's progress: pages and records read, records published, state")
  public Uni<Backfill> backfill(@PathParam("id") String id) {
    return backfills
        .find(id)
        .map(
            found ->
                found.orElseThrow(() -> ApiException.notFound("no backfill with id '" + id + "'")));
  }

  private Uni<Void> known(String integration) {
    return registry
        .find(integration)
        .map(
            found -> {
              if (found.isEmpty()) {
                throw ApiException.notFound("no integration with id '" + integration + "'");
              }
              return null;
            });
  }

  private static SyncedResource resource(String code, String pointer) {
    return SyncedResource.fromCode(code)
        .orElseThrow(
            () ->
                ApiException.badField(
                    pointer, "must be one of leads, sales, calls, subscriptions"));
  }

  private static Duration duration(
      String text, Duration fallback, String pointer, List<ApiError.Problem> problems) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      Duration value = Duration.parse(text.trim());
      if (value.isNegative()) {
        problems.add(new ApiError.Problem(pointer, "must not be negative"));
      }
      return value;
    } catch (DateTimeParseException e) {
      problems.add(
          new ApiError.Problem(pointer, "must be an ISO-8601 duration, e.g. PT15M or P30D"));
      return null;
    }
  }

  private static Instant instant(String text, String pointer, List<ApiError.Problem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new ApiError.Problem(pointer, "is required (ISO-8601 with an offset)"));
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(
          new ApiError.Problem(
              pointer, "must be ISO-8601 with an offset, e.g. 2026-09-01T00:00:00Z"));
      return null;
    }
  }
}
