package io.convgate.hyros;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convgate.destination.MappedCall;
import io.convgate.destination.OutboundCall;
import io.convgate.event.CallData;
import io.convgate.event.CartData;
import io.convgate.event.ConversionEvent;
import io.convgate.event.InvalidEventException;
import io.convgate.event.LeadData;
import io.convgate.event.RefundData;
import io.convgate.event.RejectionReason;
import io.convgate.event.SaleData;
import io.convgate.event.SubscriptionData;
import io.convgate.mapping.ChangeMapper;
import io.convgate.mapping.EventMapper;
import io.convgate.mapping.HyrosRequest;
import io.convgate.mapping.MappedEvent;

/**
 * Turns a valid event into its Hyros call (through {@link EventMapper} and {@link ChangeMapper}).
 */
final class HyrosCalls {

  private final ObjectMapper json;

  HyrosCalls(ObjectMapper json) {
    this.json = json;
  }

  MappedCall map(ConversionEvent event) throws InvalidEventException {
    MappedEvent mapped = mapped(event);
    OutboundCall call = toCall(mapped.request());
    // A change's key carries a fingerprint of its call: other content is another delivery.
    String key =
        event.type().changing()
            ? ChangeMapper.withFingerprint(mapped.idempotencyKey(), call.body())
            : mapped.idempotencyKey();
    return new MappedCall(key, mapped.orderingKey(), call);
  }

  private MappedEvent mapped(ConversionEvent event) throws InvalidEventException {
    try {
      return switch (event.type()) {
        case LEAD_UPSERTED ->
            EventMapper.lead(event.id(), json.treeToValue(event.data(), LeadData.class));
        case SALE_COMPLETED ->
            EventMapper.sale(event.time(), json.treeToValue(event.data(), SaleData.class));
        case SALE_REFUNDED -> EventMapper.refund(json.treeToValue(event.data(), RefundData.class));
        case CALL_BOOKED -> ChangeMapper.callBooked(event.time(), data(event, CallData.class));
        case CALL_UPDATED -> ChangeMapper.callUpdated(event.time(), data(event, CallData.class));
        case SUBSCRIPTION_STARTED ->
            ChangeMapper.subscriptionStarted(event.time(), data(event, SubscriptionData.class));
        case SUBSCRIPTION_CHANGED ->
            ChangeMapper.subscriptionChanged(event.time(), data(event, SubscriptionData.class));
        case CART_CREATED -> ChangeMapper.cartCreated(event.time(), data(event, CartData.class));
        case CART_UPDATED -> ChangeMapper.cartUpdated(event.time(), data(event, CartData.class));
      };
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          RejectionReason.INVALID_DATA,
          "/data",
          "cannot be read as " + event.type().wireName() + ": " + e.getOriginalMessage());
    }
  }

  private <T> T data(ConversionEvent event, Class<T> type) throws JsonProcessingException {
    return json.treeToValue(event.data(), type);
  }

  private OutboundCall toCall(HyrosRequest request) {
    try {
      return call(request);
    } catch (JsonProcessingException e) {
      // a body is a record of strings and numbers: failing to write one is a defect, not bad input
      throw new IllegalStateException("cannot write the Hyros body", e);
    }
  }

  private OutboundCall call(HyrosRequest request) throws JsonProcessingException {
    if (request instanceof HyrosRequest.CreateLead lead) {
      return body(HyrosOperation.CREATE_LEAD, lead.body());
    }
    if (request instanceof HyrosRequest.CreateOrder order) {
      return body(HyrosOperation.CREATE_ORDER, order.body());
    }
    if (!(request instanceof HyrosRequest.RefundOrder refund)) {
      return change(request);
    }
    String amount =
        refund.refundedAmount() == null ? null : refund.refundedAmount().toPlainString();
    return new OutboundCall(HyrosOperation.REFUND_ORDER.name(), refund.orderId(), amount, null);
  }

  private OutboundCall change(HyrosRequest request) throws JsonProcessingException {
    if (request instanceof HyrosRequest.UpsertCall c) {
      return body(HyrosOperation.UPSERT_CALL, c.body());
    }
    if (request instanceof HyrosRequest.CreateSubscription c) {
      return body(HyrosOperation.CREATE_SUBSCRIPTION, c.body());
    }
    if (request instanceof HyrosRequest.UpdateSubscription c) {
      return body(HyrosOperation.UPDATE_SUBSCRIPTION, c.body());
    }
    if (request instanceof HyrosRequest.CreateCart c) {
      return body(HyrosOperation.CREATE_CART, c.body());
    }
    HyrosRequest.UpdateCart cart = (HyrosRequest.UpdateCart) request;
    return body(HyrosOperation.UPDATE_CART, cart.body());
  }

  private OutboundCall body(HyrosOperation operation, Object body) throws JsonProcessingException {
    return new OutboundCall(operation.name(), null, null, json.writeValueAsBytes(body));
  }
}
