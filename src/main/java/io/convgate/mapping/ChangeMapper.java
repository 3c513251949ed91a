package io.convgate.mapping;

import io.convgate.event.CallData;
import io.convgate.event.CartData;
import io.convgate.event.PrintableText;
import io.convgate.event.Rfc3339;
import io.convgate.event.SubscriptionData;
import io.convgate.mapping.ChangeBodies.CallBody;
import io.convgate.mapping.ChangeBodies.CartBody;
import io.convgate.mapping.ChangeBodies.CartItem;
import io.convgate.mapping.ChangeBodies.SubscriptionBody;
import io.convgate.mapping.ChangeBodies.SubscriptionUpdateBody;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * Maps the events that report a change of a thing (a call, a subscription, a cart) to their Hyros
 * calls. Pure: no I/O, no state.
 *
 * <p>Keys (docs/event-contract.md, decision 0043): the ordering key names the thing ({@code
 * call:<callId>}, {@code subscription:<subscriptionId>}, {@code cart:<cartId>}), so the changes of
 * one thing go through one lane, in order, and the thing's staleness clock is kept under it. The
 * idempotency key is the thing, the change's business time (as an instant) and a fingerprint of the
 * Hyros call ({@link #withFingerprint}): the same change sent twice is one delivery, a change with
 * other content or at another time is another.
 */
public final class ChangeMapper {

  private static final int FINGERPRINT_HEX_DIGITS = 16;

  private ChangeMapper() {}

  /** {@code call.booked}: the call's date is the booking's business time. */
  public static MappedEvent callBooked(OffsetDateTime time, CallData call) {
    return call(time, call, time);
  }

  /** {@code call.updated}: the call keeps the date it was booked at ({@code bookedAt}). */
  public static MappedEvent callUpdated(OffsetDateTime time, CallData call) {
    return call(time, call, Rfc3339.parse(call.bookedAt()));
  }

  private static MappedEvent call(OffsetDateTime time, CallData call, OffsetDateTime date) {
    CallBody body =
        new CallBody(
            call.name(),
            call.email(),
            nullIfBlank(call.firstName()),
            nullIfBlank(call.lastName()),
            nullIfEmpty(call.ipAddresses()),
            call.stage(),
            nullIfEmpty(call.phoneNumbers()),
            call.callId(),
            EventMapper.hyrosDate(date),
            call.state(),
            call.qualification());
    String thing = "call:" + call.callId();
    return new MappedEvent(new HyrosRequest.UpsertCall(body), changeKey(thing, time), thing);
  }

  /** {@code subscription.started}: the start date is the event time when not given. */
  public static MappedEvent subscriptionStarted(OffsetDateTime time, SubscriptionData sub) {
    SubscriptionBody body =
        new SubscriptionBody(
            sub.email(),
            nullIfBlank(sub.firstName()),
            nullIfBlank(sub.lastName()),
            nullIfEmpty(sub.ipAddresses()),
            sub.stage(),
            nullIfEmpty(sub.phoneNumbers()),
            sub.subscriptionId(),
            sub.name(),
            sub.status(),
            sub.startDate() == null ? EventMapper.hyrosDate(time) : date(sub.startDate()),
            date(sub.endDate()),
            date(sub.cancelAtDate()),
            date(sub.trialStartDate()),
            date(sub.trialEndDate()),
            sub.planId(),
            sub.price(),
            EventMapper.PRICE_FORMAT,
            sub.periodicity());
    String thing = subscription(sub);
    return new MappedEvent(
        new HyrosRequest.CreateSubscription(body), changeKey(thing, time), thing);
  }

  /** {@code subscription.changed}. */
  public static MappedEvent subscriptionChanged(OffsetDateTime time, SubscriptionData sub) {
    SubscriptionUpdateBody body =
        new SubscriptionUpdateBody(
            List.of(sub.subscriptionId()),
            sub.name(),
            sub.status(),
            date(sub.startDate()),
            date(sub.endDate()),
            date(sub.cancelAtDate()),
            date(sub.trialStartDate()),
            date(sub.trialEndDate()),
            sub.price());
    String thing = subscription(sub);
    return new MappedEvent(
        new HyrosRequest.UpdateSubscription(body), changeKey(thing, time), thing);
  }

  /** {@code cart.created}. */
  public static MappedEvent cartCreated(OffsetDateTime time, CartData cart) {
    return new MappedEvent(
        new HyrosRequest.CreateCart(cartBody(time, cart)), changeKey(cart(cart), time), cart(cart));
  }

  /** {@code cart.updated}. */
  public static MappedEvent cartUpdated(OffsetDateTime time, CartData cart) {
    return new MappedEvent(
        new HyrosRequest.UpdateCart(cartBody(time, cart)), changeKey(cart(cart), time), cart(cart));
  }

  private static CartBody cartBody(OffsetDateTime time, CartData cart) {
    List<CartItem> items =
        cart.items().stream()
            .map(
                line ->
                    new CartItem(
                        line.name(),
                        line.unitPrice(),
                        line.productId(),
                        line.quantity() == null ? 1 : line.quantity(),
                        line.sku()))
            .toList();
    return new CartBody(
        cart.cartId(),
        cart.email(),
        nullIfBlank(cart.firstName()),
        nullIfBlank(cart.lastName()),
        nullIfEmpty(cart.ipAddresses()),
        nullIfEmpty(cart.phoneNumbers()),
        EventMapper.hyrosDate(time),
        EventMapper.PRICE_FORMAT,
        cart.currency(),
        items);
  }

  /**
   * The idempotency key of a change once its Hyros body is written: {@code key} and the first 16
   * hex digits of the body's SHA-256.
   */
  public static String withFingerprint(String key, byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return key + "#" + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The thing and the change's business time as an instant (the offset does not matter). */
  private static String changeKey(String thing, OffsetDateTime time) {
    return thing + "@" + time.toInstant();
  }

  private static String subscription(SubscriptionData sub) {
    return "subscription:" + sub.subscriptionId();
  }

  private static String cart(CartData cart) {
    return "cart:" + cart.cartId();
  }

  private static String date(String rfc3339) {
    return rfc3339 == null ? null : EventMapper.hyrosDate(Rfc3339.parse(rfc3339));
  }

  private static String nullIfBlank(String text) {
    return text == null || PrintableText.isBlank(text) ? null : text;
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}
