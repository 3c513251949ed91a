package io.convgate.hyros;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.CallResult;
import io.convgate.destination.Destination;
import io.convgate.destination.FailureClass;
import io.convgate.destination.KeyCheck;
import io.convgate.destination.Limits;
import io.convgate.destination.MappedCall;
import io.convgate.destination.OutboundCall;
import io.convgate.event.ConversionEvent;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hyros as a destination: takes every event type, sends with the {@code API-Key} header, checks a
 * key with {@code GET /user-info}, connects by code or by a key given by hand. No settings.
 */
@ApplicationScoped
public class HyrosDestination implements Destination {

  public static final String KIND = "hyros";

  private static final Set<EventType> TAKES = Set.copyOf(EnumSet.allOf(EventType.class));

  private final HyrosClient client;
  private final HyrosAccounts accounts;
  private final Limits limits;
  private final HyrosCalls calls;
  private final KeyProbe keyProbe;

  public HyrosDestination(
      HyrosClient client,
      HyrosAccounts accounts,
      @ConfigProperty(name = "convgate.ratelimit.requests-per-second", defaultValue = "30")
          int perSecond,
      @ConfigProperty(name = "convgate.ratelimit.requests-per-minute", defaultValue = "1000")
          int perMinute,
      ObjectMapper json) {
    this.client = client;
    this.accounts = accounts;
    // Hyros documents 30 requests per second and 1,000 per minute per key; the keys predate kinds
    this.limits = new Limits(perSecond, perMinute);
    this.calls = new HyrosCalls(json);
    this.keyProbe =
        new KeyProbe() {
          @Override
          public Uni<CallResult> probe(String apiKey, Map<String, String> settings) {
            return client.checkKey(apiKey);
          }

          @Override
          public Uni<KeyCheck> check(
              String apiKey, Map<String, String> settings, Duration timeout) {
            return accounts.check(apiKey, timeout);
          }
        };
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String displayName() {
    return "Hyros";
  }

  @Override
  public Set<EventType> takes() {
    return TAKES;
  }

  @Override
  public MappedCall map(ConversionEvent event) throws InvalidEventException {
    return calls.map(event);
  }

  @Override
  public boolean complete(OutboundCall call) {
    HyrosOperation operation = HyrosOperation.find(call.operation());
    if (operation == null) {
      return false;
    }
    return operation == HyrosOperation.REFUND_ORDER ? call.target() != null : call.body() != null;
  }

  @Override
  public Uni<CallResult> send(String apiKey, Map<String, String> settings, OutboundCall call) {
    return client.send(apiKey, call);
  }

  @Override
  public FailureClass classify(CallResult result) {
    return FailureClassifier.classify(result);
  }

  @Override
  public Limits defaultLimits() {
    return limits;
  }

  @Override
  public Optional<KeyProbe> keyCheck() {
    return Optional.of(keyProbe);
  }

  @Override
  public List<SettingProblem> checkSettings(Map<String, String> settings) {
    return settings.keySet().stream()
        .sorted()
        .map(name -> new SettingProblem(name, "is not a Hyros setting: Hyros takes no settings"))
        .toList();
  }

  @Override
  public boolean connectsByCode() {
    return true;
  }
}
