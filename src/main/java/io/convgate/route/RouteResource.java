package io.convgate.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.api.Access;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.apikey.CurrentCaller;
import io.convgate.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The admin API of routes (decision 0053). Permissions are the integrations' ones: a route decides
 * which integrations receive events, as an integration does. Every change is audited.
 */
@Path("/api/v1/routes")
@Tag(name = "Routes", description = "Send events to integrations by source, type or a data field")
public class RouteResource {

  private final RouteAdmin admin;
  private final CurrentCaller caller;
  private final AuditLog audit;

  public RouteResource(RouteAdmin admin, CurrentCaller caller, AuditLog audit) {
    this.admin = admin;
    this.caller = caller;
    this.audit = audit;
  }

  /** A list of routes. */
  public record RouteList(List<Route> items) {}

  @GET
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "List routes, enabled or not, by id")
  public Uni<RouteList> list() {
    return admin.list().map(RouteList::new);
  }

  @GET
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "Show one route")
  @APIResponse(responseCode = "404", description = "No route with this id")
  public Uni<Route> get(@PathParam("id") String id) {
    return admin.get(id);
  }

  @POST
  @ResponseStatus(201)
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary = "Create a route: events that match go to its target integrations",
      description =
          "Body: id, name, source (exact, or a prefix ending in *; absent or * for any), types"
              + " (event types; absent, [] or [\"*\"] for any), field and value (a JSON pointer"
              + " into data and the text it must equal; both or neither), targets (1-50"
              + " integration ids, each existing and not retired), enabled (default true)."
              + " Routing on every instance within convgate.routes.poll-interval.")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "400", description = "A field is not valid; the body names it")
  @APIResponse(responseCode = "409", description = "A route with this id exists")
  public Uni<Route> create(JsonNode body) {
    String id = body != null && body.path("id").isTextual() ? body.get("id").asText() : null;
    return audited("route.create", id, detail(body), admin.create(body));
  }

  @PATCH
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary = "Change a route: the members given replace the route's (null clears one)",
      description = "Same fields and rules as creation; the id cannot change.")
  @APIResponse(responseCode = "400", description = "A field is not valid; the body names it")
  @APIResponse(responseCode = "404", description = "No route with this id")
  public Uni<Route> update(@PathParam("id") String id, JsonNode body) {
    return audited("route.update", id, detail(body), admin.update(id, body));
  }

  @DELETE
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(summary = "Delete a route; events it took go only where others or they say")
  @APIResponse(responseCode = "404", description = "No route with this id")
  public Uni<Route> delete(@PathParam("id") String id) {
    return audited("route.delete", id, Map.of(), admin.delete(id));
  }

  /** What was asked, member by member (a route holds no secret). */
  private static Map<String, Object> detail(JsonNode body) {
    Map<String, Object> detail = new LinkedHashMap<>();
    if (body != null && body.isObject()) {
      body.fields()
          .forEachRemaining(
              e ->
                  detail.put(
                      e.getKey(),
                      e.getValue().isNull()
                          ? null
                          : e.getValue().isValueNode()
                              ? e.getValue().asText()
                              : e.getValue().toString()));
    }
    return detail;
  }

  private Uni<Route> audited(
      String action, String id, Map<String, Object> detail, Uni<Route> work) {
    String actor = caller.actor();
    return work.onItemOrFailure()
        .call(
            (route, error) ->
                audit.record(
                    actor,
                    action,
                    "route " + id,
                    detail,
                    error == null ? "ok" : "refused: " + error.getMessage()));
  }
}
