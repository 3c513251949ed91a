package io.convgate.hyros;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One Hyros call ready to send, as it travels on the internal delivery topic.
 *
 * @param operation which endpoint
 * @param orderId the order a refund applies to; null for other operations
 * @param refundedAmount the refunded amount as a plain decimal string; null for a full refund
 * @param body the JSON body for POST calls, as the UTF-8 bytes sent; null for a refund. In a
 *     command stored as JSON it is the nested object itself.
 */
public record HyrosCall(
    HyrosOperation operation,
    String orderId,
    String refundedAmount,
    @JsonSerialize(using = RawJson.Writer.class) @JsonDeserialize(using = RawJson.Reader.class)
        byte[] body) {}
