package io.convgate.hyperaktiv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.destination.Destination;
import io.convgate.destination.FailureClass;
import io.convgate.destination.Limits;
import io.convgate.destination.MappedCall;
import io.convgate.destination.OutboundCall;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.LeadData;
import io.convgate.event.RejectionReason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hyperaktiv as a destination (decision 0052, docs/hyperaktiv.md): takes {@code lead.upserted}
 * only, posts it to the integration's origin ({@code settings.ref}) with the workspace key as a
 * bearer token. Hyperaktiv has no cheap call to check a key, so a key is taken unproven and the
 * first delivery proves it.
 */
@ApplicationScoped
public class HyperaktivDestination implements Destination {

  public static final String KIND = "hyperaktiv";

  /** The one setting: the ref of the "API endpoint" origin leads are posted to. */
  public static final String REF = "ref";

  /** Longer refs are refused: Hyperaktiv's refs are short identifiers. */
  static final int MAX_REF_LENGTH = 200;

  private static final Set<EventType> TAKES = Set.of(EventType.LEAD_UPSERTED);

  private final HyperaktivClient client;
  private final ObjectMapper json;
  private final Limits limits;

  public HyperaktivDestination(
      HyperaktivClient client, HyperaktivConfig config, ObjectMapper json) {
    this.client = client;
    this.json = json;
    this.limits = new Limits(config.requestsPerSecond(), config.requestsPerMinute());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String displayName() {
    return "Hyperaktiv";
  }

  @Override
  public Set<EventType> takes() {
    return TAKES;
  }

  @Override
  public boolean accepts(EventType type) {
    return HyperaktivMapper.accepts(type);
  }

  @Override
  public MappedCall map(ConversionEvent event) throws InvalidEventException {
    if (!accepts(event.type())) {
      throw new InvalidEventException(
          RejectionReason.INVALID_DATA,
          "/type",
          "Hyperaktiv takes lead.upserted only, not " + event.type().wireName());
    }
    try {
      LeadData lead = json.treeToValue(event.data(), LeadData.class);
      HyperaktivCall call = HyperaktivMapper.lead(event.id(), event.source(), lead);
      byte[] body = json.writeValueAsBytes(call.body());
      return new MappedCall(
          call.idempotencyKey(),
          call.orderingKey(),
          new OutboundCall(HyperaktivCall.OPERATION, null, null, body));
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          RejectionReason.INVALID_DATA,
          "/data",
          "cannot be read as lead.upserted: " + e.getOriginalMessage());
    }
  }

  @Override
  public boolean complete(OutboundCall call) {
    return HyperaktivCall.OPERATION.equals(call.operation()) && call.body() != null;
  }

  @Override
  public Uni<CallResult> send(String apiKey, Map<String, String> settings, OutboundCall call) {
    String ref = settings == null ? null : settings.get(REF);
    if (ref == null || ref.isBlank()) {
      // checkSettings keeps this from happening; a 400-like answer would dead-letter it
      return Uni.createFrom()
          .item(
              new CallResult(
                  400, null, List.of("the integration has no Hyperaktiv origin ref"), null, null));
    }
    return client.postLead(apiKey, ref, call.body());
  }

  @Override
  public FailureClass classify(CallResult result) {
    return HyperaktivClassifier.classify(result);
  }

  @Override
  public Limits defaultLimits() {
    return limits;
  }

  /** None: Hyperaktiv has no call that checks a key without sending a lead. */
  @Override
  public Optional<KeyProbe> keyCheck() {
    return Optional.empty();
  }

  @Override
  public List<SettingProblem> checkSettings(Map<String, String> settings) {
    Map<String, String> given = settings == null ? Map.of() : settings;
    List<SettingProblem> problems = new ArrayList<>();
    String ref = given.get(REF);
    if (ref == null || ref.isBlank()) {
      problems.add(
          new SettingProblem(
              REF, "is required: the ref of the Hyperaktiv \"API endpoint\" origin to post to"));
    } else if (ref.length() > MAX_REF_LENGTH) {
      problems.add(new SettingProblem(REF, "is longer than " + MAX_REF_LENGTH + " characters"));
    } else if (!ref.equals(ref.strip()) || ref.chars().anyMatch(Character::isISOControl)) {
      problems.add(
          new SettingProblem(REF, "must not have surrounding spaces or control characters"));
    }
    given.keySet().stream()
        .filter(name -> !REF.equals(name))
        .sorted()
        .forEach(
            name ->
                problems.add(
                    new SettingProblem(
                        name, "is not a Hyperaktiv setting: Hyperaktiv takes ref only")));
    return problems;
  }
}
