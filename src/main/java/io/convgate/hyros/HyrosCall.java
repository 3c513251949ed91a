package io.convgate.hyros;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Hyros call ready to send, as it travels on the internal delivery topic.
 *
 * @param operation which endpoint
 * @param orderId the order a refund applies to; null for other operations
 * @param refundedAmount the refunded amount as a plain decimal string; null for a full refund
 * @param body the JSON body for POST calls; null for a refund
 */
public record HyrosCall(
    HyrosOperation operation, String orderId, String refundedAmount, JsonNode body) {}
