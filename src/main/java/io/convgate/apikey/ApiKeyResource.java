package io.convgate.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.convgate.api.Access;
import io.convgate.api.ApiError;
import io.convgate.api.ApiException;
import io.convgate.api.Permission;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Creates, lists and revokes the gateway's own API keys. */
@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "The gateway's own keys: cgw_..., shown once, stored hashed")
public class ApiKeyResource {

  private final ApiKeyStore keys;
  private final CurrentCaller caller;
  private final AuditLog audit;

  public ApiKeyResource(ApiKeyStore keys, CurrentCaller caller, AuditLog audit) {
    this.keys = keys;
    this.caller = caller;
    this.audit = audit;
  }

  /**
   * What to create.
   *
   * @param name what the key is for, e.g. "replay runbook"
   * @param kind ALL, READ_ONLY or RESTRICTED
   * @param permissions for RESTRICTED keys: e.g. ["dead-letters:write", "integrations:read"]
   * @param ownerType PERSON or MACHINE
   * @param owner an email for a person, a name for a machine user
   */
  public record CreateKey(
      String name, String kind, List<String> permissions, String ownerType, String owner) {}

  /** A created key: the only answer that ever contains its secret. */
  public record CreatedKey(@JsonUnwrapped ApiKey key, String secret) {}

  /** A list of keys. */
  public record KeyList(List<ApiKey> items) {}

  @POST
  @ResponseStatus(201)
  @Requires(resource = Resource.API_KEYS, access = Access.WRITE)
  @Operation(summary = "Create a key; its secret is in this answer only")
  public Uni<CreatedKey> create(CreateKey request) {
    Validated valid = validate(request);
    KeyFormat.Parsed generated = KeyFormat.generate();
    String actor = caller.actor();
    return keys.insert(
            generated,
            valid.name,
            valid.kind,
            valid.permissions,
            valid.ownerType,
            valid.owner,
            actor)
        .call(
            key ->
                audit.record(
                    actor, "api-key.create", "api-key " + key.prefix(), describe(key), "ok"))
        .map(key -> new CreatedKey(key, generated.whole()));
  }

  @GET
  @Requires(resource = Resource.API_KEYS, access = Access.READ)
  @Operation(summary = "List keys (never their secrets)")
  public Uni<KeyList> list() {
    return keys.list().map(KeyList::new);
  }

  @GET
  @Path("{id}")
  @Requires(resource = Resource.API_KEYS, access = Access.READ)
  @Operation(summary = "Show one key")
  public Uni<ApiKey> get(@PathParam("id") String id) {
    return keys.find(id).map(found -> found.orElseThrow(() -> unknown(id)));
  }

  @DELETE
  @Path("{id}")
  @Requires(resource = Resource.API_KEYS, access = Access.WRITE)
  @Operation(summary = "Revoke a key: it stops working at once")
  public Uni<ApiKey> revoke(@PathParam("id") String id) {
    String actor = caller.actor();
    return keys.revoke(id)
        .map(found -> found.orElseThrow(() -> unknown(id)))
        .call(
            key ->
                audit.record(actor, "api-key.revoke", "api-key " + key.prefix(), Map.of(), "ok"));
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound(
        "no API key with id '" + id + "' (ids are the 10 characters after cgw_)");
  }

  private static Map<String, Object> describe(ApiKey key) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("name", key.name());
    detail.put("kind", key.kind().name());
    detail.put("permissions", key.permissions());
    detail.put("ownerType", key.ownerType().name());
    detail.put("owner", key.owner());
    return detail;
  }

  private record Validated(
      String name, ApiKeyKind kind, List<String> permissions, OwnerType ownerType, String owner) {}

  private static Validated validate(CreateKey request) {
    if (request == null) {
      throw ApiException.badField(
          "/", "a JSON body with name, kind, ownerType and owner is required");
    }
    List<ApiError.Problem> problems = new ArrayList<>();
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      problems.add(new ApiError.Problem("/name", "is required (1 to 200 characters)"));
    }
    ApiKeyKind kind = enumOf(ApiKeyKind.class, request.kind(), "/kind", problems);
    OwnerType ownerType = enumOf(OwnerType.class, request.ownerType(), "/ownerType", problems);
    if (request.owner() == null || request.owner().isBlank() || request.owner().length() > 200) {
      problems.add(
          new ApiError.Problem(
              "/owner", "is required: an email for a PERSON, a name for a MACHINE user"));
    } else if (ownerType == OwnerType.PERSON && !request.owner().contains("@")) {
      problems.add(new ApiError.Problem("/owner", "must be an email for a PERSON"));
    }
    List<String> permissions = request.permissions() == null ? List.of() : request.permissions();
    for (int i = 0; i < permissions.size(); i++) {
      if (Permission.parse(permissions.get(i)).isEmpty()) {
        problems.add(
            new ApiError.Problem(
                "/permissions/" + i,
                "'"
                    + permissions.get(i)
                    + "' is not a permission: use <resource>:<read|write> with resource one of"
                    + " integrations, dead-letters, events, api-keys, metrics"));
      }
    }
    if (kind == ApiKeyKind.RESTRICTED && permissions.isEmpty()) {
      problems.add(
          new ApiError.Problem("/permissions", "a RESTRICTED key needs at least one permission"));
    }
    if (kind != null && kind != ApiKeyKind.RESTRICTED && !permissions.isEmpty()) {
      problems.add(
          new ApiError.Problem(
              "/permissions", "only RESTRICTED keys list permissions; leave it out for " + kind));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("the key cannot be created as asked", problems);
    }
    return new Validated(
        request.name().trim(),
        kind,
        permissions.stream().distinct().toList(),
        ownerType,
        request.owner().trim());
  }

  private static <E extends Enum<E>> E enumOf(
      Class<E> type, String value, String pointer, List<ApiError.Problem> problems) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    problems.add(
        new ApiError.Problem(
            pointer,
            "must be one of "
                + java.util.Arrays.toString(type.getEnumConstants())
                + (value == null ? "" : ", not '" + value + "'")));
    return null;
  }
}
