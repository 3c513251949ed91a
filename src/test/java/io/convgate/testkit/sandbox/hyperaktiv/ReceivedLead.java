package io.convgate.testkit.sandbox.hyperaktiv;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A lead the Hyperaktiv sandbox accepted.
 *
 * @param workspaceKey the key it came with
 * @param ref the origin it was posted to
 * @param body the body as sent
 * @param leadId the id the sandbox answered with
 */
public record ReceivedLead(
    String workspaceKey, String ref, JsonNode body, String leadId, Instant at) {

  public String email() {
    return body.path("Email").asText(null);
  }
}
