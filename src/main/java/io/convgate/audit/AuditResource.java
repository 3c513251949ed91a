package io.convgate.audit;

import io.convgate.api.Access;
import io.convgate.api.Requires;
import io.convgate.api.Resource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: who changed what through the admin API. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who did what, when, and how it ended")
public class AuditResource {

  private final AuditLog log;

  public AuditResource(AuditLog log) {
    this.log = log;
  }

  /** Audit rows, newest first. */
  public record Entries(List<AuditLog.Entry> items) {}

  @GET
  @Requires(resource = Resource.API_KEYS, access = Access.READ)
  @Operation(
      summary =
          "Recent audit rows, newest first; target filters by prefix, action by name (e.g."
              + " api.refused for refused calls)")
  public Uni<Entries> recent(
      @QueryParam("limit") Integer limit,
      @QueryParam("target") String target,
      @QueryParam("action") String action) {
    int size = limit == null || limit < 1 ? 100 : Math.min(limit, 1000);
    return log.recent(size, blankToNull(target), blankToNull(action)).map(Entries::new);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
