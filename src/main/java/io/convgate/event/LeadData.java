package io.convgate.event;

import java.util.List;

/** The data of a {@code lead.upserted} event, as producers send it. */
public record LeadData(
    String email,
    List<String> phoneNumbers,
    String firstName,
    String lastName,
    List<String> tags,
    List<String> ipAddresses,
    String stage,
    String adOptimizationConsent) {}
