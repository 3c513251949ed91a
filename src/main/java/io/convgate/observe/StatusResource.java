package io.convgate.observe;

import io.convgate.api.Access;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.convgate.deadletter.DeadLetterStore;
import io.convgate.integration.IntegrationAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A summary for people (the CLI, a status page): integrations and dead letters by state. Machines
 * scrape {@code /q/metrics} instead.
 */
@Path("/api/v1/metrics")
@Tag(name = "Metrics", description = "A summary of convgate's state for operators")
public class StatusResource {

  private final IntegrationAdmin integrations;
  private final DeadLetterStore deadLetters;

  public StatusResource(IntegrationAdmin integrations, DeadLetterStore deadLetters) {
    this.integrations = integrations;
    this.deadLetters = deadLetters;
  }

  /** One integration's line. */
  public record IntegrationLine(String id, String status, long parked, Instant lastDeliveryAt) {}

  /** The summary. */
  public record Summary(List<IntegrationLine> integrations, Map<String, Long> deadLetters) {}

  @GET
  @Requires(resource = Resource.METRICS, access = Access.READ)
  @Operation(summary = "Integrations with their status and parked count; dead letters by state")
  public Uni<Summary> summary() {
    return Uni.combine()
        .all()
        .unis(integrations.list(), deadLetters.countByState())
        .asTuple()
        .map(
            both ->
                new Summary(
                    both.getItem1().stream()
                        .map(
                            i ->
                                new IntegrationLine(
                                    i.id(), i.status().name(), i.parked(), i.lastDeliveryAt()))
                        .toList(),
                    both.getItem2()));
  }
}
