package io.convgate.delivery;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Per-integration Hyros status at {@code /q/health/group/integrations}: which integrations are held
 * and why. Always UP: one integration's trouble must not take convgate out of service for all the
 * others, so it is kept out of readiness and liveness.
 */
@HealthGroup("integrations")
@ApplicationScoped
public class IntegrationsHealth implements HealthCheck {

  private final Holds holds;

  public IntegrationsHealth(Holds holds) {
    this.holds = holds;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("hyros-integrations").up();
    response.withData("held", holds.held().size());
    for (String id : holds.held()) {
      holds.heldFor(id).ifPresent(reason -> response.withData(id, reason.code()));
    }
    return response.build();
  }
}
