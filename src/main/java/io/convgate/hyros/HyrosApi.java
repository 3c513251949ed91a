package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Hyros endpoints convgate writes to. Use {@link HyrosClient}, never this interface. */
@RegisterRestClient(configKey = "hyros")
@Path("/api/v1.0")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface HyrosApi {

  String API_KEY = "API-Key";

  @POST
  @Path("/leads")
  Uni<Response> createLead(@HeaderParam(API_KEY) String apiKey, JsonNode body);

  @POST
  @Path("/orders")
  Uni<Response> createOrder(@HeaderParam(API_KEY) String apiKey, JsonNode body);

  @GET
  @Path("/user-info")
  Uni<Response> userInfo(@HeaderParam(API_KEY) String apiKey);

  @DELETE
  @Path("/orders/{orderId}")
  Uni<Response> refundOrder(
      @HeaderParam(API_KEY) String apiKey,
      @PathParam("orderId") String orderId,
      @QueryParam("refundedAmount") String refundedAmount);
}
