package io.convgate.event;

import java.util.List;

/**
 * The data of a {@code call.booked} or {@code call.updated} event: a sales call in the CRM.
 *
 * @param callId the call's id in the CRM: Hyros' {@code externalId}, the upsert key
 * @param bookedAt when the call was booked ({@code call.updated} only; the booking's event time for
 *     {@code call.booked}): sent as Hyros' {@code date} so an update keeps the call's date
 * @param state Hyros' {@code CallState}, or null while the call is only booked
 */
public record CallData(
    String callId,
    String name,
    String email,
    List<String> phoneNumbers,
    String firstName,
    String lastName,
    List<String> ipAddresses,
    String stage,
    String bookedAt,
    String state,
    String qualification) {}
