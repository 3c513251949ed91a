package io.convgate.hyperaktiv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The body of Hyperaktiv's {@code POST /api/v1/leads?ref=<origin ref>}, with Hyperaktiv's own field
 * names (capitalised, as its public API page writes them). Absent fields are omitted, never sent as
 * null: the annotation says so here, so the body does not depend on the mapper's defaults.
 *
 * @param email required by convgate (Hyperaktiv's smallest documented body is the email alone)
 * @param firstName omitted when the event has none or a blank one
 * @param lastName omitted when the event has none or a blank one
 * @param phoneNumber the event's first phone number; Hyperaktiv takes one
 * @param redirectUrl never set by convgate today (decision 0052): kept so the body is complete
 * @param journeyData the rest of the lead, as name/value pairs; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Email", "Firstname", "Lastname", "PhoneNumber", "RedirectURL", "JourneyData"})
public record HyperaktivLead(
    @JsonProperty("Email") String email,
    @JsonProperty("Firstname") String firstName,
    @JsonProperty("Lastname") String lastName,
    @JsonProperty("PhoneNumber") String phoneNumber,
    @JsonProperty("RedirectURL") String redirectUrl,
    @JsonProperty("JourneyData") List<JourneyData> journeyData) {

  public HyperaktivLead {
    journeyData = journeyData == null || journeyData.isEmpty() ? null : List.copyOf(journeyData);
  }

  /** One datapoint of a lead's journey, shown in Hyperaktiv's back-office under its name. */
  @JsonPropertyOrder({"Name", "Value"})
  public record JourneyData(
      @JsonProperty("Name") String name, @JsonProperty("Value") String value) {}
}
