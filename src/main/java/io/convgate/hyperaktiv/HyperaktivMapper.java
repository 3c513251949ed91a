package io.convgate.hyperaktiv;

import io.convgate.event.EventType;
import io.convgate.event.InvalidEventException;
import io.convgate.event.LeadData;
import io.convgate.event.PrintableText;
import io.convgate.event.RejectionReason;
import io.convgate.hyperaktiv.HyperaktivLead.JourneyData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a {@code lead.upserted} event to Hyperaktiv's lead call. Pure: no I/O, no state.
 *
 * <p>Hyperaktiv has one endpoint, for leads, so a lead is the only event type it takes (decision
 * 0052); {@link #accepts} says so for the plug-in. What Hyperaktiv has no field for is sent as
 * {@link JourneyData} where that helps whoever reads the lead in Hyperaktiv (tags, stage, the other
 * phone numbers, where the event came from); IP addresses and the ad-optimisation consent are not
 * sent: they are Hyros' attribution inputs, not something a funnel needs.
 */
public final class HyperaktivMapper {

  /** JourneyData names. Stable: a funnel's automations may match on them. */
  public static final String TAGS = "tags";

  public static final String STAGE = "stage";
  public static final String OTHER_PHONE_NUMBERS = "otherPhoneNumbers";
  public static final String EVENT_SOURCE = "eventSource";
  public static final String EVENT_ID = "eventId";

  /** How list values are joined into one JourneyData value. */
  static final String LIST_SEPARATOR = ", ";

  private HyperaktivMapper() {}

  /** Whether Hyperaktiv can take events of this type at all: only {@code lead.upserted}. */
  public static boolean accepts(EventType type) {
    return type == EventType.LEAD_UPSERTED;
  }

  /**
   * The Hyperaktiv call for a lead.
   *
   * @param eventId the event's {@code id}: the idempotency key, and a JourneyData item
   * @param source the event's {@code source}, sent as a JourneyData item; null to leave it out
   * @throws InvalidEventException {@code invalid-data} at {@code /data/email} when the lead has no
   *     email: the contract allows a phone-only lead, Hyperaktiv is assumed to need an email
   */
  public static HyperaktivCall lead(String eventId, String source, LeadData lead)
      throws InvalidEventException {
    String email = lead.email();
    if (email == null || email.isBlank()) {
      throw new InvalidEventException(
          RejectionReason.INVALID_DATA,
          "/data/email",
          "Hyperaktiv needs an email address; a lead with phone numbers only cannot be sent to it");
    }
    List<String> phones = lead.phoneNumbers() == null ? List.of() : lead.phoneNumbers();
    List<JourneyData> journey = new ArrayList<>();
    addList(journey, TAGS, lead.tags());
    add(journey, STAGE, lead.stage());
    addList(
        journey, OTHER_PHONE_NUMBERS, phones.size() > 1 ? phones.subList(1, phones.size()) : null);
    add(journey, EVENT_SOURCE, source);
    add(journey, EVENT_ID, eventId);
    HyperaktivLead body =
        new HyperaktivLead(
            email,
            nullIfBlank(lead.firstName()),
            nullIfBlank(lead.lastName()),
            phones.isEmpty() ? null : phones.get(0),
            null,
            journey);
    return new HyperaktivCall(
        body, "lead:" + eventId, "contact:" + email.trim().toLowerCase(Locale.ROOT));
  }

  private static void add(List<JourneyData> journey, String name, String value) {
    if (value != null && !PrintableText.isBlank(value)) {
      journey.add(new JourneyData(name, value));
    }
  }

  /**
   * A list as one item, its values joined by {@value #LIST_SEPARATOR}: one item per value would
   * repeat a name, and whether Hyperaktiv keeps or overwrites repeated names is not documented.
   */
  private static void addList(List<JourneyData> journey, String name, List<String> values) {
    if (values == null) {
      return;
    }
    List<String> kept =
        values.stream().filter(v -> v != null && !PrintableText.isBlank(v)).toList();
    if (!kept.isEmpty()) {
      journey.add(new JourneyData(name, String.join(LIST_SEPARATOR, kept)));
    }
  }

  /** A blank optional name tells Hyperaktiv nothing, so it is left out, as for Hyros. */
  private static String nullIfBlank(String text) {
    return text == null || PrintableText.isBlank(text) ? null : text;
  }
}
