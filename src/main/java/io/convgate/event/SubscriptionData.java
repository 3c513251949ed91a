package io.convgate.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * The data of a {@code subscription.started} or {@code subscription.changed} event. Dates are RFC
 * 3339 with an offset, as the producer wrote them; {@code price} is in major units of {@code
 * currency}.
 */
public record SubscriptionData(
    String subscriptionId,
    String email,
    List<String> phoneNumbers,
    String firstName,
    String lastName,
    List<String> ipAddresses,
    String stage,
    String name,
    String planId,
    String status,
    BigDecimal price,
    String currency,
    String periodicity,
    String startDate,
    String endDate,
    String cancelAtDate,
    String trialStartDate,
    String trialEndDate) {}
