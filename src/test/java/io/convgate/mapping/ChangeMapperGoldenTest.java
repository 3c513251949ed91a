package io.convgate.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.CallData;
import io.convgate.event.CartData;
import io.convgate.event.ContactRule;
import io.convgate.event.ConversionEvent;
import io.convgate.event.CurrencyRule;
import io.convgate.event.EventDecoder;
import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.SchemaCatalog;
import io.convgate.event.SubscriptionData;
import io.convgate.support.JsonCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the types that change a thing: {@code golden/<case>/data.json} is the event data
 * as a producer sends it, {@code expected.json} the Hyros call (method, path, body) convgate makes.
 */
class ChangeMapperGoldenTest {

  private static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());
  private static final EventDecoder DECODER =
      new EventDecoder(JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));

  /** The change's business time, to the nanosecond, in the producer's offset. */
  private static final OffsetDateTime TIME =
      OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30));

  record Case(String name, EventType type, String thing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("call-booked", EventType.CALL_BOOKED, "call:cal_8842"),
        new Case("call-updated-qualified", EventType.CALL_UPDATED, "call:cal_8842"),
        new Case("subscription-started", EventType.SUBSCRIPTION_STARTED, "subscription:sub_1QzY7"),
        new Case(
            "subscription-changed-canceled",
            EventType.SUBSCRIPTION_CHANGED,
            "subscription:sub_1QzY7"),
        new Case("cart-created", EventType.CART_CREATED, "cart:cart_77a1"),
        new Case("cart-updated-jpy", EventType.CART_UPDATED, "cart:jp-cart-9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsToTheGoldenHyrosCall(Case c) throws Exception {
    MappedEvent mapped = map(c, TIME);
    JsonNode expected = JSON.readTree(resource(c.name() + "/expected.json"));

    JsonNode actual = describe(mapped.request());

    assertThat(actual)
        .as(
            "%s%nexpected: %s%nactual:   %s",
            c.name(),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
        .isEqualTo(expected);
    assertThat(mapped.orderingKey()).as("ordering key: the thing").isEqualTo(c.thing());
    assertThat(mapped.idempotencyKey())
        .as("idempotency key: the thing and the change's time as an instant")
        .isEqualTo(c.thing() + "@2026-11-20T04:30:00.123456789Z");
    assertThat(c.type().changing()).isTrue();
  }

  @Test
  void theSameChangeInAnotherOffsetIsTheSameKeyAndALaterOneIsAnother() throws Exception {
    Case sub =
        cases().filter(c -> c.name().equals("subscription-changed-canceled")).findFirst().get();
    String key = map(sub, TIME).idempotencyKey();
    assertThat(map(sub, TIME.withOffsetSameInstant(ZoneOffset.UTC)).idempotencyKey())
        .isEqualTo(key);
    assertThat(map(sub, TIME.plusSeconds(1)).idempotencyKey()).isNotEqualTo(key);
  }

  @Test
  void theFingerprintTellsOtherContentApart() {
    String key = "subscription:s@2026-11-20T04:30:00Z";
    byte[] active = "{\"status\":\"ACTIVE\"}".getBytes(StandardCharsets.UTF_8);
    byte[] pastDue = "{\"status\":\"PAST_DUE\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(ChangeMapper.withFingerprint(key, active))
        .isEqualTo(ChangeMapper.withFingerprint(key, active.clone()))
        .isNotEqualTo(ChangeMapper.withFingerprint(key, pastDue))
        .matches("^subscription:s@2026-11-20T04:30:00Z#[0-9a-f]{16}$");
  }

  @Test
  void aCallUpdateNeedsItsStateAndBookingTime() {
    ObjectNode data = JSON.createObjectNode().put("callId", "c1").put("name", "Intro call");
    data.put("email", "a@example.com");
    assertThat(fields(EventType.CALL_UPDATED, data))
        .containsExactly("/data/bookedAt", "/data/state");
    data.put("bookedAt", "2026-11-20T10:00:00Z").put("state", "SHOWED_UP");
    assertThat(fields(EventType.CALL_UPDATED, data)).containsExactly("/data/state");
  }

  @Test
  void subscriptionMoneyFollowsItsCurrency() {
    ObjectNode data =
        JSON.createObjectNode()
            .put("subscriptionId", "s1")
            .put("status", "ACTIVE")
            .put("price", "1500.5")
            .put("currency", "JPY");
    assertThat(fields(EventType.SUBSCRIPTION_CHANGED, data)).containsExactly("/data/price");
    data.put("price", "29.9").put("status", "LAPSED");
    data.put("currency", "EUR");
    assertThat(fields(EventType.SUBSCRIPTION_CHANGED, data)).containsExactly("/data/status");
  }

  @Test
  void aNewSubscriptionOrCallNeedsAContactAndACartDoesNot() {
    ObjectNode sub =
        JSON.createObjectNode()
            .put("subscriptionId", "s1")
            .put("status", "ACTIVE")
            .put("price", "9")
            .put("currency", "EUR")
            .put("periodicity", "MONTH");
    assertThat(fields(EventType.SUBSCRIPTION_STARTED, sub)).containsExactly("/data/email");
    ObjectNode call = JSON.createObjectNode().put("callId", "c1").put("name", "Intro call");
    assertThat(fields(EventType.CALL_BOOKED, call)).containsExactly("/data/email");
    ObjectNode cart = JSON.createObjectNode().put("cartId", "k1").put("currency", "EUR");
    cart.putArray("items").addObject().put("name", "Mug set").put("unitPrice", "12.00");
    assertThat(fields(EventType.CART_UPDATED, cart)).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static List<String> fields(EventType type, JsonNode data) {
    try {
      DECODER.decode(JSON.writeValueAsBytes(envelope(type, "evt-x", TIME, data)), Map.of());
      return List.of();
    } catch (InvalidEventException e) {
      return e.errors().stream().map(f -> f.field()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode envelope(
      EventType type, String id, OffsetDateTime time, JsonNode data) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", id);
    envelope.put("source", "billing/test");
    envelope.put("type", type.wireName());
    envelope.put("time", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    envelope.put("integration", "acme");
    envelope.set("data", data);
    return envelope;
  }

  /** Reads data.json, checks that it passes the decoder as a producer's event, and maps it. */
  private static MappedEvent map(Case c, OffsetDateTime time) throws Exception {
    JsonNode data = JSON.readTree(resource(c.name() + "/data.json"));
    ConversionEvent event =
        DECODER.decode(JSON.writeValueAsBytes(envelope(c.type(), "evt-1", time, data)), Map.of());
    JsonNode decoded = event.data();
    return switch (c.type()) {
      case CALL_BOOKED -> ChangeMapper.callBooked(time, JSON.treeToValue(decoded, CallData.class));
      case CALL_UPDATED ->
          ChangeMapper.callUpdated(time, JSON.treeToValue(decoded, CallData.class));
      case SUBSCRIPTION_STARTED ->
          ChangeMapper.subscriptionStarted(time, JSON.treeToValue(decoded, SubscriptionData.class));
      case SUBSCRIPTION_CHANGED ->
          ChangeMapper.subscriptionChanged(time, JSON.treeToValue(decoded, SubscriptionData.class));
      case CART_CREATED ->
          ChangeMapper.cartCreated(time, JSON.treeToValue(decoded, CartData.class));
      case CART_UPDATED ->
          ChangeMapper.cartUpdated(time, JSON.treeToValue(decoded, CartData.class));
      default -> throw new IllegalArgumentException(c.type().wireName());
    };
  }

  /** The Hyros call as JSON: method, path and body. */
  private static JsonNode describe(HyrosRequest request) throws IOException {
    ObjectNode call = JSON.createObjectNode();
    Object body;
    if (request instanceof HyrosRequest.UpsertCall c) {
      call.put("method", "POST").put("path", "/calls");
      body = c.body();
    } else if (request instanceof HyrosRequest.CreateSubscription c) {
      call.put("method", "POST").put("path", "/subscriptions");
      body = c.body();
    } else if (request instanceof HyrosRequest.UpdateSubscription c) {
      call.put("method", "PUT").put("path", "/subscriptions");
      body = c.body();
    } else if (request instanceof HyrosRequest.CreateCart c) {
      call.put("method", "POST").put("path", "/carts");
      body = c.body();
    } else {
      call.put("method", "PUT").put("path", "/carts");
      body = ((HyrosRequest.UpdateCart) request).body();
    }
    call.set("body", JSON.readTree(JSON.writeValueAsString(body)));
    return call;
  }

  private static String resource(String path) {
    try (InputStream in = ChangeMapperGoldenTest.class.getResourceAsStream("/golden/" + path)) {
      assertThat(in).as("golden/" + path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
