package io.convgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.destination.CallResult;
import io.convgate.destination.Destination;
import io.convgate.destination.FailureClass;
import io.convgate.destination.Limits;
import io.convgate.destination.MappedCall;
import io.convgate.destination.OutboundCall;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.RejectionReason;
import io.convgate.hyros.TestDestinations;
import io.convgate.integration.Integration;
import io.convgate.integration.IntegrationStatus;
import io.convgate.pipeline.DeliveryCommand;
import io.convgate.pipeline.HeaderList;
import io.convgate.pipeline.OriginalRecord;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each event is mapped by its integration's destination, which may refuse a type it does not take.
 */
class CommandFactoryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OriginalRecord RECORD =
      new OriginalRecord("crm.events", 0, 1, null, new byte[] {'{', '}'}, HeaderList.EMPTY);

  private final CommandFactory factory =
      new CommandFactory(TestDestinations.with(JSON, new LeadsOnly()));

  @Test
  void aHyrosIntegrationsEventBecomesAHyrosCallCarryingTheKind() throws Exception {
    DeliveryCommand command = factory.create(lead(), integration("hyros"), RECORD);

    assertThat(command.destination()).isEqualTo("hyros");
    assertThat(command.call().operation()).isEqualTo("CREATE_LEAD");
    assertThat(command.idempotencyKey()).isEqualTo("lead:evt-1");
  }

  @Test
  void anotherKindMapsWithItsOwnPlugIn() throws Exception {
    DeliveryCommand command = factory.create(lead(), integration("leads-only"), RECORD);

    assertThat(command.destination()).isEqualTo("leads-only");
    assertThat(command.call().operation()).isEqualTo("PUSH_LEAD");
    assertThat(command.idempotencyKey()).isEqualTo("push:evt-1");
  }

  @Test
  void aTypeTheDestinationDoesNotTakeIsRefusedAtTypeNamingWhatItTakes() {
    ConversionEvent sale = event(EventType.SALE_COMPLETED);

    assertThatThrownBy(() -> factory.create(sale, integration("leads-only"), RECORD))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RejectionReason.TYPE_NOT_TAKEN);
              assertThat(e.reason().code()).isEqualTo("type-not-taken");
              assertThat(e.errors()).hasSize(1);
              assertThat(e.errors().get(0).field()).isEqualTo("/type");
              assertThat(e.errors().get(0).message())
                  .contains("acme")
                  .contains("Leads Only")
                  .contains("lead.upserted")
                  .doesNotContain("sale.completed");
            });
  }

  @Test
  void anIntegrationOfAKindThisBuildDoesNotKnowIsRefusedNotCrashed() {
    assertThatThrownBy(() -> factory.create(lead(), integration("nowhere"), RECORD))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RejectionReason.TYPE_NOT_TAKEN);
              assertThat(e.errors().get(0).field()).isEqualTo("/integration");
              assertThat(e.errors().get(0).message()).contains("hyros, leads-only");
            });
  }

  private static ConversionEvent lead() {
    return event(EventType.LEAD_UPSERTED);
  }

  private static ConversionEvent event(EventType type) {
    ObjectNode data = JSON.createObjectNode().put("email", "a@example.com");
    return new ConversionEvent(
        "evt-1", "crm", type, OffsetDateTime.parse("2026-11-23T10:00:00Z"), null, "acme", data);
  }

  private static Integration integration(String kind) {
    return new Integration(
        "acme",
        "Acme",
        kind,
        "key",
        Map.of(),
        IntegrationStatus.ACTIVE,
        OptionalInt.empty(),
        OptionalInt.empty(),
        null);
  }

  /** A kind that takes leads only; it is never sent through. */
  private static final class LeadsOnly implements Destination {
    @Override
    public String kind() {
      return "leads-only";
    }

    @Override
    public String displayName() {
      return "Leads Only";
    }

    @Override
    public Set<EventType> takes() {
      return Set.of(EventType.LEAD_UPSERTED);
    }

    @Override
    public MappedCall map(ConversionEvent event) {
      return new MappedCall(
          "push:" + event.id(), "contact", new OutboundCall("PUSH_LEAD", null, null, new byte[0]));
    }

    @Override
    public boolean complete(OutboundCall call) {
      return true;
    }

    @Override
    public Uni<CallResult> send(String apiKey, Map<String, String> settings, OutboundCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FailureClass classify(CallResult result) {
      return FailureClass.PERMANENT;
    }

    @Override
    public Limits defaultLimits() {
      return new Limits(1, 60);
    }

    @Override
    public Optional<KeyProbe> keyCheck() {
      return Optional.empty();
    }

    @Override
    public List<SettingProblem> checkSettings(Map<String, String> settings) {
      return List.of();
    }
  }
}
