package io.convgate.ingest;

import io.convgate.destination.Destinations;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventDecoder;
import io.convgate.event.InvalidEventException;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationRegistry;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.OriginalRecord;
import io.convgate.route.RouteCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, outside the Kafka stage, whether the ingest stage would accept a record: the HTTP
 * ingestion endpoint checks events with it before publishing them, and replays check dead letters
 * with it before sending them again. Same decoder, same rules, same mapping as the stage.
 */
@ApplicationScoped
public class EventAdmission {

  private final EventDecoder decoder;
  private final CommandFactory commands;
  private final IntegrationRegistry integrations;
  private final RouteCatalog routes;

  public EventAdmission(
      EventDecoder decoder,
      CommandFactory commands,
      IntegrationRegistry integrations,
      RouteCatalog routes) {
    this.decoder = decoder;
    this.commands = commands;
    this.integrations = integrations;
    this.routes = routes;
  }

  /** What the ingest stage would do with a record. */
  public sealed interface Verdict {}

  /**
   * It would be published for delivery as this command: the one for the integration it names, or
   * for the first integration its routes send it to when it names none.
   */
  public record Accepted(ConversionEvent event, DeliveryCommand command) implements Verdict {}

  /** It would be dead-lettered for this reason. */
  public record Rejected(InvalidEventException error) implements Verdict {}

  public Uni<Verdict> admit(OriginalRecord record) {
    ConversionEvent event;
    try {
      event = decoder.decode(record.value(), record.headers());
    } catch (InvalidEventException e) {
      return Uni.createFrom().item(new Rejected(e));
    }
    if (event.integration() == null) {
      return admitRouted(event, record);
    }
    return integrations
        .find(event.integration())
        .map(
            found -> {
              Optional<InvalidEventException> refusal =
                  IntegrationCheck.refusal(event.integration(), found);
              if (refusal.isPresent()) {
                return new Rejected(refusal.get());
              }
              try {
                return new Accepted(event, commands.create(event, found.get(), record));
              } catch (InvalidEventException e) {
                return new Rejected(e);
              }
            });
  }

  /**
   * An event that names no integration: accepted when a route sends it to an integration that can
   * take it (the command is that first one's), refused {@code no-route} otherwise, as the stage
   * would.
   */
  private Uni<Verdict> admitRouted(ConversionEvent event, OriginalRecord record) {
    return routes
        .table()
        .chain(
            table -> {
              List<String> targets = table.routed(event);
              if (targets.isEmpty()) {
                return Uni.createFrom()
                    .<Verdict>item(new Rejected(IntegrationCheck.noRoute(event)));
              }
              return integrations
                  .findAll(targets)
                  .map(found -> firstTaker(event, targets, found, record, commands));
            });
  }

  private static Verdict firstTaker(
      ConversionEvent event,
      List<String> targets,
      Map<String, Optional<Integration>> found,
      OriginalRecord record,
      CommandFactory commands) {
    List<String> skips = new ArrayList<>();
    for (String target : targets) {
      Optional<Integration> integration = found.getOrDefault(target, Optional.empty());
      Optional<InvalidEventException> refusal = IntegrationCheck.refusal(target, integration);
      try {
        if (refusal.isPresent()) {
          throw refusal.get();
        }
        return new Accepted(event, commands.create(event, integration.get(), record));
      } catch (InvalidEventException e) {
        skips.add(target + ": " + e.reason().code());
      }
    }
    return new Rejected(IntegrationCheck.noTarget(skips));
  }

  /**
   * The ledger key of a record that decodes, whether or not its integration exists: mapped by the
   * destination of {@code integrationId} (the dead letter's integration, which for a routed event
   * is the target it failed for; the event's own attribute when null), or, for an integration that
   * no longer exists, as the legacy kind (Hyros) maps it, as before destinations existed. Fails
   * when the event does not decode or its destination does not take it.
   */
  public Uni<DeliveryCommand> commandOf(OriginalRecord record, String integrationId) {
    ConversionEvent event;
    try {
      event = decoder.decode(record.value(), record.headers());
    } catch (InvalidEventException e) {
      return Uni.createFrom().failure(e);
    }
    String id = integrationId != null ? integrationId : event.integration();
    Uni<Optional<Integration>> lookup =
        id == null ? Uni.createFrom().item(Optional.empty()) : integrations.find(id);
    return lookup.map(
        found -> {
          try {
            return found.isPresent()
                ? commands.create(event, found.get(), record)
                : commands.createForKind(event, Destinations.LEGACY_KIND, record);
          } catch (InvalidEventException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
        });
  }
}
