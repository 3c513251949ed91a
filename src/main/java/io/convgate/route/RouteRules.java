package io.convgate.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.api.ApiException;
import io.convgate.event.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a route written through the admin API may say, field by field; the first wrong field is
 * refused (400) with its pointer. Whether the targets exist is asked of the database afterwards.
 */
final class RouteRules {

  /** Any source, or the end of a source prefix; any type. */
  static final String ANY = "*";

  static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");
  static final int MAX_TARGETS = 50;
  static final int MAX_TEXT = 500;
  static final Set<String> FIELDS =
      Set.of("id", "name", "source", "types", "field", "value", "targets", "enabled");

  private RouteRules() {}

  /**
   * Reads a route from a request body, over {@code current} (an update changes only the members
   * given; {@code null} on create).
   */
  static Route read(JsonNode body, String id, Route current) {
    if (body == null || !body.isObject()) {
      throw ApiException.badField("/", "a JSON object with the route's fields is required");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badField(
            "/" + name, "is not a route field; a route has " + String.join(", ", sorted(FIELDS)));
      }
    }
    if (current != null && body.has("id") && !body.get("id").asText().equals(id)) {
      throw ApiException.badField("/id", "cannot be changed; delete the route and create another");
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.badField(
          "/id", "is required: 1-64 characters of a-z, 0-9, '.', '_' or '-'");
    }
    String name = text(body, "name", current == null ? id : current.name());
    String source = source(body, current == null ? null : current.source());
    List<String> types = types(body, current == null ? List.of() : current.types());
    String field = pointer(body, current == null ? null : current.field());
    String value = text(body, "value", current == null ? null : current.value());
    if (body.has("field") && field == null && !body.has("value")) {
      value = null;
    }
    if ((field == null) != (value == null)) {
      throw field == null
          ? ApiException.badField("/field", "is required with value: the data field to compare")
          : ApiException.badField(
              "/value", "is required with field: the text the field must equal");
    }
    List<String> targets = targets(body, current == null ? null : current.targets());
    boolean enabled = enabled(body, current == null || current.enabled());
    return new Route(
        id,
        name == null ? id : name,
        source,
        types,
        field,
        value,
        targets,
        enabled,
        current == null ? null : current.createdAt(),
        null);
  }

  private static String text(JsonNode body, String name, String otherwise) {
    if (!body.has(name)) {
      return otherwise;
    }
    JsonNode node = body.get(name);
    if (node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_TEXT) {
      throw ApiException.badField(
          "/" + name, "must be text of 1-" + MAX_TEXT + " characters, or null");
    }
    return node.asText();
  }

  private static String source(JsonNode body, String otherwise) {
    String source = text(body, "source", otherwise);
    if (source == null || source.equals(ANY)) {
      return null;
    }
    if (source.indexOf('*') >= 0 && source.indexOf('*') != source.length() - 1) {
      throw ApiException.badField(
          "/source",
          "takes '*' only at the end (a prefix, e.g. billing/*): '"
              + source
              + "' has it elsewhere");
    }
    return source;
  }

  private static List<String> types(JsonNode body, List<String> otherwise) {
    if (!body.has("types") || body.get("types").isNull()) {
      return body.has("types") ? List.of() : otherwise;
    }
    JsonNode node = body.get("types");
    if (!node.isArray()) {
      throw ApiException.badField(
          "/types", "must be an array of event types, e.g. [\"lead.upserted\"]");
    }
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String type = node.get(i).asText();
      if (type.equals(ANY)) {
        return List.of();
      }
      if (!node.get(i).isTextual() || EventType.fromWireName(type).isEmpty()) {
        throw ApiException.badField(
            "/types/" + i,
            "is not an event type; expected '*' or one of "
                + Arrays.stream(EventType.values()).map(EventType::wireName).toList());
      }
      types.add(type);
    }
    return List.copyOf(types);
  }

  private static String pointer(JsonNode body, String otherwise) {
    String field = text(body, "field", otherwise);
    if (field == null || field.equals(otherwise)) {
      return field;
    }
    if (!field.startsWith("/") || field.length() < 2) {
      throw ApiException.badField(
          "/field", "must be a JSON pointer into data (RFC 6901), e.g. /currency or /brand");
    }
    for (int i = field.indexOf('~'); i >= 0; i = field.indexOf('~', i + 1)) {
      if (i + 1 >= field.length() || (field.charAt(i + 1) != '0' && field.charAt(i + 1) != '1')) {
        throw ApiException.badField(
            "/field",
            "is not a valid JSON pointer (RFC 6901): '~' must be followed by 0 or 1 (~0 is '~',"
                + " ~1 is '/')");
      }
    }
    return field;
  }

  private static List<String> targets(JsonNode body, List<String> otherwise) {
    if (!body.has("targets") && otherwise != null) {
      return otherwise;
    }
    JsonNode node = body.get("targets");
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ApiException.badField(
          "/targets", "must list at least one integration id, e.g. [\"shop-eu\"]");
    }
    if (node.size() > MAX_TARGETS) {
      throw ApiException.badField("/targets", "lists more than " + MAX_TARGETS + " integrations");
    }
    Set<String> targets = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode target = node.get(i);
      if (!target.isTextual() || !ID.matcher(target.asText()).matches()) {
        throw ApiException.badField(
            "/targets/" + i,
            "must be an integration id: 1-64 characters of a-z, 0-9, '.', '_' or '-'");
      }
      targets.add(target.asText());
    }
    return List.copyOf(targets);
  }

  private static boolean enabled(JsonNode body, boolean otherwise) {
    if (!body.has("enabled")) {
      return otherwise;
    }
    if (!body.get("enabled").isBoolean()) {
      throw ApiException.badField("/enabled", "must be true or false");
    }
    return body.get("enabled").asBoolean();
  }

  /**
   * The first target that cannot take events, or null.
   *
   * @param found each target that exists, with whether it is retired
   */
  static ApiException unusableTarget(List<String> targets, Map<String, Boolean> found) {
    for (int i = 0; i < targets.size(); i++) {
      String target = targets.get(i);
      Boolean retired = found.get(target);
      if (retired == null) {
        return ApiException.badField(
            "/targets/" + i, "names no integration: there is no integration '" + target + "'");
      }
      if (retired) {
        return ApiException.badField(
            "/targets/" + i, "names the retired integration '" + target + "'");
      }
    }
    return null;
  }

  private static List<String> sorted(Set<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(null);
    return list;
  }
}
