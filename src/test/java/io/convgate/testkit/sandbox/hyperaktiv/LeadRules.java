package io.convgate.testkit.sandbox.hyperaktiv;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body rules the Hyperaktiv sandbox enforces. Hyperaktiv publishes only an example body, so
 * these are assumptions, strict on purpose (decision 0052): a sandbox that accepts less than the
 * real service catches a mapping mistake (a lower-case {@code email}, a null, a number) in tests.
 *
 * <ul>
 *   <li>The body is a JSON object (else 400).
 *   <li>Only the documented field names, spelt as documented (else 422).
 *   <li>{@code Email} is required, a string shaped like an address, at most 254 characters.
 *   <li>{@code Firstname}, {@code Lastname}, {@code PhoneNumber}: strings when present (a null is
 *       refused: convgate omits what it does not know).
 *   <li>{@code RedirectURL}: an absolute http(s) URL when present.
 *   <li>{@code JourneyData}: an array of objects with exactly {@code Name} (a non-blank string) and
 *       {@code Value} (a string).
 * </ul>
 */
final class LeadRules {

  static final Set<String> FIELDS =
      Set.of("Email", "Firstname", "Lastname", "PhoneNumber", "RedirectURL", "JourneyData");

  private static final Set<String> JOURNEY_FIELDS = Set.of("Name", "Value");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final int MAX_EMAIL = 254;

  /** Why a body is refused: the status and the message the sandbox answers with. */
  record Refusal(int status, String error, String message) {}

  private LeadRules() {}

  /** Null when the body is a valid lead. */
  static Refusal check(JsonNode body) {
    if (body == null || !body.isObject()) {
      return new Refusal(400, "bad_request", "the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return invalid(
            "unknown field '" + name + "'; the fields are " + String.join(", ", sorted()));
      }
    }
    JsonNode email = body.get("Email");
    if (email == null || email.isNull()) {
      return invalid("Email is required");
    }
    if (!email.isTextual()
        || email.asText().length() > MAX_EMAIL
        || !EMAIL.matcher(email.asText()).matches()) {
      return invalid("Email must be an email address");
    }
    for (String field : new String[] {"Firstname", "Lastname", "PhoneNumber"}) {
      if (body.has(field) && !body.get(field).isTextual()) {
        return invalid(field + " must be a string");
      }
    }
    if (body.has("RedirectURL") && !isWebUrl(body.get("RedirectURL"))) {
      return invalid("RedirectURL must be an absolute http or https URL");
    }
    if (body.has("JourneyData")) {
      return journey(body.get("JourneyData"));
    }
    return null;
  }

  private static Refusal journey(JsonNode journey) {
    if (!journey.isArray()) {
      return invalid("JourneyData must be an array");
    }
    for (int i = 0; i < journey.size(); i++) {
      JsonNode item = journey.get(i);
      String at = "JourneyData[" + i + "]";
      if (!item.isObject()) {
        return invalid(at + " must be an object with Name and Value");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
        String name = it.next().getKey();
        if (!JOURNEY_FIELDS.contains(name)) {
          return invalid(at + " has an unknown field '" + name + "'");
        }
      }
      JsonNode name = item.get("Name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        return invalid(at + ".Name must be a non-blank string");
      }
      JsonNode value = item.get("Value");
      if (value == null || !value.isTextual()) {
        return invalid(at + ".Value must be a string");
      }
    }
    return null;
  }

  private static boolean isWebUrl(JsonNode node) {
    if (!node.isTextual()) {
      return false;
    }
    try {
      URI uri = new URI(node.asText());
      return uri.isAbsolute()
          && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (Exception e) {
      return false;
    }
  }

  private static Refusal invalid(String message) {
    return new Refusal(422, "validation_error", message);
  }

  private static String[] sorted() {
    return FIELDS.stream().sorted().toArray(String[]::new);
  }
}
