package io.convgate.mapping;

import io.convgate.event.LeadData;
import io.convgate.event.PrintableText;
import io.convgate.event.RefundData;
import io.convgate.event.Rfc3339;
import io.convgate.event.SaleData;
import io.convgate.mapping.HyrosRequest.CreateLead;
import io.convgate.mapping.HyrosRequest.CreateOrder;
import io.convgate.mapping.HyrosRequest.LeadBody;
import io.convgate.mapping.HyrosRequest.OrderBody;
import io.convgate.mapping.HyrosRequest.OrderItem;
import io.convgate.mapping.HyrosRequest.RefundOrder;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Maps the data of each event type to the Hyros call it stands for. Pure: no I/O, no state.
 *
 * <p>Idempotency keys: a sale and its refunds are keyed by the sale id (so the same sale sent under
 * a new event id is still one delivery); a lead is keyed by its event id.
 */
public final class EventMapper {

  /** Hyros reads prices as decimals in major units unless told otherwise. */
  static final String PRICE_FORMAT = "DECIMAL";

  private static final String FULL_REFUND = "full";

  private EventMapper() {}

  public static MappedEvent lead(String eventId, LeadData lead) {
    LeadBody body =
        new LeadBody(
            lead.email(),
            nullIfBlank(lead.firstName()),
            nullIfBlank(lead.lastName()),
            nullIfEmpty(lead.tags()),
            nullIfEmpty(lead.ipAddresses()),
            nullIfEmpty(lead.phoneNumbers()),
            lead.stage(),
            lead.adOptimizationConsent());
    return new MappedEvent(
        new CreateLead(body), "lead:" + eventId, contactKey(lead.email(), lead.phoneNumbers()));
  }

  public static MappedEvent sale(OffsetDateTime time, SaleData sale) {
    List<OrderItem> items = sale.items().stream().map(EventMapper::item).toList();
    OrderBody body =
        new OrderBody(
            sale.email(),
            nullIfBlank(sale.firstName()),
            nullIfBlank(sale.lastName()),
            nullIfEmpty(sale.ipAddresses()),
            nullIfEmpty(sale.phoneNumbers()),
            sale.stage(),
            OrderIds.fromSaleId(sale.saleId()),
            sale.subscriptionId(),
            sale.cartId(),
            hyrosDate(time),
            sale.shippingCost(),
            sale.taxes(),
            sale.discount(),
            PRICE_FORMAT,
            sale.currency(),
            items);
    return new MappedEvent(new CreateOrder(body), "sale:" + sale.saleId(), saleKey(sale.saleId()));
  }

  public static MappedEvent refund(RefundData refund) {
    String refundId = refund.refundId() == null ? FULL_REFUND : refund.refundId();
    return new MappedEvent(
        new RefundOrder(OrderIds.fromSaleId(refund.saleId()), refund.refundedAmount()),
        "refund:" + refund.saleId() + ":" + refundId,
        saleKey(refund.saleId()));
  }

  private static OrderItem item(SaleData.SaleItem item) {
    return new OrderItem(
        item.name(),
        item.unitPrice(),
        item.sku(),
        item.quantity() == null ? 1 : item.quantity(),
        item.costOfGoods(),
        item.taxes(),
        item.discount(),
        item.tag(),
        item.category());
  }

  private static String saleKey(String saleId) {
    return "sale:" + saleId;
  }

  private static String contactKey(String email, List<String> phones) {
    if (email != null && !email.isBlank()) {
      return "contact:" + email.trim().toLowerCase(Locale.ROOT);
    }
    return "contact:" + phones.get(0);
  }

  /**
   * The form of a date Hyros documents for orders: ISO-8601 to the second with the event's own
   * offset ({@code 2026-11-20T10:15:30+01:00}, {@code Z} for UTC). A fraction of a second is cut
   * off, never rounded, so the date keeps every field the producer wrote and is never later than
   * the event (decision 0032).
   */
  static String hyrosDate(OffsetDateTime time) {
    return Rfc3339.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A blank optional name tells Hyros nothing, so it is left out (docs/event-contract.md). */
  private static String nullIfBlank(String text) {
    return text == null || PrintableText.isBlank(text) ? null : text;
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }
}
