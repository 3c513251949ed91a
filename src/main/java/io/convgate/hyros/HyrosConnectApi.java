package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Hyros' connect-by-code exchange. Use {@link HyrosAccounts}, never this interface. */
@RegisterRestClient(configKey = "hyros")
@Path("/api/v1.0/external-integration")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface HyrosConnectApi {

  @POST
  @Path("/api-keys")
  Uni<Response> exchange(JsonNode body);
}
