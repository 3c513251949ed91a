package io.convgate.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.api.Access;
import io.convgate.api.ApiException;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.apikey.CurrentCaller;
import io.convgate.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The admin API of integrations. No answer ever carries a Hyros key. */
@Path("/api/v1/integrations")
@Tag(name = "Integrations", description = "Hyros accounts convgate delivers to")
public class IntegrationResource {

  private final IntegrationAdmin admin;
  private final IntegrationViews views;
  private final IntegrationRetirement retirement;
  private final ConnectLinks links;
  private final CurrentCaller caller;
  private final AuditLog audit;

  public IntegrationResource(
      IntegrationAdmin admin,
      IntegrationViews views,
      IntegrationRetirement retirement,
      ConnectLinks links,
      CurrentCaller caller,
      AuditLog audit) {
    this.admin = admin;
    this.views = views;
    this.retirement = retirement;
    this.links = links;
    this.caller = caller;
    this.audit = audit;
  }

  /**
   * A new integration. The key is write-only; {@code apiKey} is another name for it (any kind).
   * {@code destination} is the kind ({@code hyros} when absent); {@code settings} are the kind's
   * non-secret settings.
   */
  public record CreateIntegration(
      String id,
      String name,
      String destination,
      @com.fasterxml.jackson.annotation.JsonAlias("apiKey") String hyrosApiKey,
      Map<String, String> settings,
      Integer requestsPerSecond,
      Integer requestsPerMinute) {
    @Override
    public String toString() {
      return "CreateIntegration[id=" + id + ", key=<hidden>]";
    }
  }

  /** A replacement key ({@code apiKey} is another name for it). */
  public record NewKey(@com.fasterxml.jackson.annotation.JsonAlias("apiKey") String hyrosApiKey) {
    @Override
    public String toString() {
      return "NewKey[<hidden>]";
    }
  }

  /** A request for a connect link. */
  public record LinkRequest(String integrationId, String name) {}

  /** A list of integrations. */
  public record IntegrationList(List<IntegrationView> items) {}

  @GET
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "List integrations with their status (retired ones with ?include=retired)")
  public Uni<IntegrationList> list(@QueryParam("include") String include) {
    if (include != null && !include.equals("retired")) {
      throw ApiException.badField(
          "?include", "can only be 'retired' (lists retired integrations too)");
    }
    return views.list(include != null).map(IntegrationList::new);
  }

  @GET
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.READ)
  @Operation(summary = "Show one integration: status, limits, last delivery, last error")
  public Uni<IntegrationView> get(@PathParam("id") String id) {
    return admin.get(id);
  }

  @POST
  @ResponseStatus(201)
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary =
          "Create an integration of a destination kind with its key (sealed at rest, never"
              + " returned)",
      description =
          "destination names the kind (default hyros; an unknown kind is a 400 naming the"
              + " kinds); settings are the kind's non-secret settings, checked by its plug-in"
              + " (400 naming /settings/<name>). The key is put to the destination's key check"
              + " first (Hyros: GET /user-info). Refused (401/403): 422 key-refused, nothing"
              + " stored. Confirmed: ACTIVE, with the account it named. Unreachable or failing:"
              + " created KEY_UNCHECKED (held, deliveries parked) with keyCheckProblem, and asked"
              + " again until it answers. A kind without a key check: ACTIVE, the first"
              + " delivery proves the key.")
  @APIResponse(responseCode = "201", description = "Created, ACTIVE or KEY_UNCHECKED")
  @APIResponse(responseCode = "422", description = "Hyros refused the key (key-refused)")
  public Uni<IntegrationView> create(CreateIntegration body) {
    if (body == null) {
      throw ApiException.badField("/", "a JSON body with id and hyrosApiKey is required");
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("name", body.name());
    detail.put("destination", body.destination());
    detail.put("requestsPerSecond", body.requestsPerSecond());
    detail.put("requestsPerMinute", body.requestsPerMinute());
    return audited(
        "integration.create",
        body.id(),
        detail,
        admin.create(
            body.id(),
            body.name(),
            body.destination(),
            body.hyrosApiKey(),
            body.settings(),
            body.requestsPerSecond(),
            body.requestsPerMinute()));
  }

  @PATCH
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary =
          "Change the name, the limits (null: back to the destination's default) or the"
              + " destination's settings (checked by its plug-in; null or {}: none). The"
              + " destination kind cannot be changed.")
  public Uni<IntegrationView> update(@PathParam("id") String id, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badField(
          "/",
          "a JSON object with name, requestsPerSecond, requestsPerMinute or settings is required");
    }
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (!List.of("name", "requestsPerSecond", "requestsPerMinute", "settings")
                  .contains(field)) {
                throw ApiException.badField(
                    "/" + field,
                    "cannot be changed here: change name, requestsPerSecond, requestsPerMinute"
                        + " or settings"
                        + (field.equals("hyrosApiKey") ? "; replace a key with PUT .../key" : "")
                        + (field.equals("destination")
                            ? "; the destination is fixed: create another integration"
                            : ""));
              }
            });
    Map<String, String> settings = settings(body.get("settings"));
    Integer perSecond = limit(body, "requestsPerSecond");
    Integer perMinute = limit(body, "requestsPerMinute");
    Map<String, Object> detail = new LinkedHashMap<>();
    body.fields()
        .forEachRemaining(
            e -> detail.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return audited(
        "integration.update",
        id,
        detail,
        admin.update(
            id,
            body.has("name"),
            body.path("name").isTextual() ? body.get("name").asText() : null,
            body.has("requestsPerSecond"),
            perSecond,
            body.has("requestsPerMinute"),
            perMinute,
            body.has("settings"),
            settings));
  }

  /** The settings of a PATCH: null or an object of strings. */
  private static Map<String, String> settings(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiException.badField("/settings", "must be an object of strings, or null");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw ApiException.badField("/settings/" + e.getKey(), "must be a string");
              }
              settings.put(e.getKey(), e.getValue().asText());
            });
    return settings;
  }

  @PUT
  @Path("{id}/key")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary = "Replace the Hyros key; an AUTH_FAILED integration resumes",
      description =
          "The key is put to Hyros first, as at creation: a refused key changes nothing (422"
              + " key-refused); a confirmed one replaces the key and the account shown; if Hyros"
              + " cannot be asked the key is stored and the integration held as KEY_UNCHECKED"
              + " (a paused one stays paused).")
  @APIResponse(responseCode = "200", description = "Replaced")
  @APIResponse(responseCode = "422", description = "Hyros refused the key (key-refused)")
  public Uni<IntegrationView> rotateKey(@PathParam("id") String id, NewKey body) {
    return audited(
        "integration.rotate-key",
        id,
        Map.of(),
        admin.rotateKey(id, body == null ? null : body.hyrosApiKey()));
  }

  @POST
  @Path("{id}/pause")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(summary = "Pause deliveries: new ones are parked, in order, until resumed")
  public Uni<IntegrationView> pause(@PathParam("id") String id) {
    return audited("integration.pause", id, Map.of(), admin.pause(id));
  }

  @POST
  @Path("{id}/resume")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(summary = "Resume a paused integration: parked deliveries go first, in order")
  public Uni<IntegrationView> resume(@PathParam("id") String id) {
    return audited("integration.resume", id, Map.of(), admin.resume(id));
  }

  @DELETE
  @Path("{id}")
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(
      summary =
          "Retire an integration: its Hyros key is destroyed, its parked and later events are"
              + " dead-lettered (integration-retired), its id stays taken; cannot be undone")
  public Uni<IntegrationView> retire(@PathParam("id") String id) {
    String actor = caller.actor();
    return retirement
        .retire(id, actor)
        .onItemOrFailure()
        .call(
            (view, error) -> {
              Map<String, Object> detail = new LinkedHashMap<>();
              if (view != null) {
                detail.put("hyrosKey", "destroyed");
                detail.put("parkedToDeadLetter", view.parked());
              }
              return audit.record(
                  actor,
                  "integration.retire",
                  "integration " + id,
                  detail,
                  error == null ? "ok" : "refused: " + error.getMessage());
            });
  }

  @POST
  @Path("connect-links")
  @ResponseStatus(201)
  @Requires(resource = Resource.INTEGRATIONS, access = Access.WRITE)
  @Operation(summary = "A one-time link that lets one browser connect a Hyros account by code")
  public Uni<ConnectLinks.Link> connectLink(LinkRequest body) {
    if (body == null
        || body.integrationId() == null
        || !IntegrationAdmin.ID.matcher(body.integrationId()).matches()) {
      throw ApiException.badField(
          "/integrationId", "is required: 1-64 characters of a-z, 0-9, '.', '_' or '-'");
    }
    String actor = caller.actor();
    return views
        .notRetired(body.integrationId())
        .chain(() -> admin.connectableByCode(body.integrationId()))
        .chain(() -> links.create(body.integrationId(), body.name(), actor))
        .call(
            link ->
                audit.record(
                    actor,
                    "integration.connect-link",
                    "integration " + body.integrationId(),
                    Map.of("expiresAt", link.expiresAt().toString()),
                    "ok"));
  }

  private Uni<IntegrationView> audited(
      String action, String id, Map<String, Object> detail, Uni<IntegrationView> work) {
    String actor = caller.actor();
    return work.onItemOrFailure()
        .call(
            (view, error) ->
                audit.record(
                    actor,
                    action,
                    "integration " + id,
                    detail,
                    error == null ? "ok" : "refused: " + error.getMessage()));
  }

  private static Integer limit(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw ApiException.badField("/" + field, "must be a positive whole number, or null");
    }
    return value.asInt();
  }
}
