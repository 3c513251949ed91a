package io.convgate.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Route changes: checked field by field ({@link RouteRules}), refused when a target names no
 * integration or a retired one, stored with a new routes version, and routed with here at once
 * (other instances follow within their poll interval).
 */
@ApplicationScoped
public class RouteAdmin {

  private final RouteStore store;
  private final RouteCatalog catalog;

  public RouteAdmin(RouteStore store, RouteCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  public Uni<List<Route>> list() {
    return store.list();
  }

  public Uni<Route> get(String id) {
    return store.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  public Uni<Route> create(JsonNode body) {
    String id = body != null && body.path("id").isTextual() ? body.get("id").asText() : null;
    Route route = RouteRules.read(body, id, null);
    return usable(route, null)
        .chain(() -> store.insert(route))
        .invoke(
            created -> {
              if (!created) {
                throw ApiException.conflict(
                    "a route with id '"
                        + id
                        + "' exists: change it with PATCH, or pick another id");
              }
            })
        .chain(this::reloaded)
        .chain(() -> get(id));
  }

  public Uni<Route> update(String id, JsonNode body) {
    return get(id)
        .chain(
            current -> {
              Route route = RouteRules.read(body, id, current);
              return usable(route, current).chain(() -> store.update(route));
            })
        .invoke(
            updated -> {
              if (!updated) {
                throw notFound(id);
              }
            })
        .chain(this::reloaded)
        .chain(() -> get(id));
  }

  public Uni<Route> delete(String id) {
    return get(id)
        .call(
            route ->
                store
                    .delete(id)
                    .invoke(
                        deleted -> {
                          if (!deleted) {
                            throw notFound(id);
                          }
                        })
                    .chain(this::reloaded));
  }

  /**
   * Refuses targets that name no integration or a retired one. A target the route had already is
   * not judged again: a route whose target was retired since can still be changed or disabled.
   */
  private Uni<Void> usable(Route route, Route current) {
    return store
        .integrations(route.targets())
        .invoke(
            found -> {
              if (current != null) {
                current.targets().forEach(kept -> found.put(kept, false));
              }
              ApiException refused = RouteRules.unusableTarget(route.targets(), found);
              if (refused != null) {
                throw refused;
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> reloaded(Boolean ignored) {
    return catalog.reload().replaceWithVoid();
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no route with id '" + id + "'");
  }
}
