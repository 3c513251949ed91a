package io.convgate.event;

import java.math.BigDecimal;

/** The data of a {@code sale.refunded} event; no amount means a full refund. */
public record RefundData(
    String saleId, String refundId, BigDecimal refundedAmount, String currency) {}
