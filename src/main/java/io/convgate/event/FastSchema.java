package io.convgate.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A quick test, built from one JSON Schema of the contract, that answers "certainly valid" for the
 * events a producer normally sends. It never has the last word on a rejection: when it does not
 * accept a value (because the value is invalid, or because it is unusual, such as an email with a
 * rare top-level domain or a number written as {@code 1.0}), the full validator decides and writes
 * the field-level errors. It is therefore built to be at least as strict as the schema, never less
 * (docs/decisions/0017).
 *
 * <p>It knows the keywords contract v1 uses. A schema with any other keyword gets no quick test, so
 * a schema change cannot make it accept what the schema refuses.
 */
final class FastSchema {

  /**
   * Keywords that only describe and never restrict a value ({@code message} words a rule's error,
   * see {@link SchemaCatalog#MESSAGE_KEYWORD}).
   */
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$comment",
          "title",
          "description",
          "default",
          "examples",
          SchemaCatalog.MESSAGE_KEYWORD);

  private final Predicate<JsonNode> accepts;

  private FastSchema(Predicate<JsonNode> accepts) {
    this.accepts = accepts;
  }

  /** The quick test of a schema, or empty if it uses a keyword this class does not know. */
  static Optional<FastSchema> of(JsonNode schema) {
    try {
      return Optional.of(new FastSchema(new Compiler(schema).compile(schema)));
    } catch (UnknownKeyword e) {
      return Optional.empty();
    }
  }

  /** True only if the value is valid against the schema; false if it is not, or may not be. */
  boolean certainlyValid(JsonNode value) {
    return accepts.test(value);
  }

  private static final class UnknownKeyword extends Exception {
    UnknownKeyword(String keyword) {
      super(keyword, null, false, false);
    }
  }

  private static final class Compiler {
    private final JsonNode root;
    private final Map<String, Predicate<JsonNode>> refs = new HashMap<>();
    private final Set<String> compiling = new HashSet<>();

    Compiler(JsonNode root) {
      this.root = root;
    }

    Predicate<JsonNode> compile(JsonNode schema) throws UnknownKeyword {
      if (!schema.isObject()) {
        throw new UnknownKeyword("a schema that is not an object");
      }
      List<Predicate<JsonNode>> checks = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String keyword = field.getKey();
        JsonNode argument = field.getValue();
        if (ANNOTATIONS.contains(keyword)) {
          continue;
        }
        switch (keyword) {
          case "type" -> checks.add(type(argument));
          case "const" -> checks.add(argument::equals);
          case "enum" -> checks.add(anyOf(argument));
          case "minLength" -> checks.add(length(count(argument), Integer.MAX_VALUE));
          case "maxLength" -> checks.add(length(0, count(argument)));
          case "pattern" -> checks.add(pattern(argument));
          case "format" -> checks.add(format(argument));
          case "minItems" -> checks.add(items(count(argument), Integer.MAX_VALUE));
          case "maxItems" -> checks.add(items(0, count(argument)));
          case "items" -> checks.add(everyItem(compile(argument)));
          case "minimum" -> checks.add(atLeast(bound(argument)));
          case "maximum" -> checks.add(atMost(bound(argument)));
          case "required" -> checks.add(required(argument));
          case "properties" -> checks.add(properties(schema));
          case "propertyNames" -> checks.add(propertyNames(schema, compile(argument)));
          case "additionalProperties" -> checkAdditional(schema, argument);
          case "$ref" -> checks.add(ref(argument));
          default -> throw new UnknownKeyword(keyword);
        }
      }
      return all(checks);
    }

    private static Predicate<JsonNode> all(List<Predicate<JsonNode>> checks) {
      Predicate<JsonNode>[] array = checks.toArray(Predicate[]::new);
      return value -> {
        for (Predicate<JsonNode> check : array) {
          if (!check.test(value)) {
            return false;
          }
        }
        return true;
      };
    }

    private static Predicate<JsonNode> type(JsonNode argument) throws UnknownKeyword {
      return switch (argument.asText()) {
        case "string" -> JsonNode::isTextual;
        case "object" -> JsonNode::isObject;
        case "array" -> JsonNode::isArray;
        // 1.0 is an integer to JSON Schema; the quick test leaves such numbers to the validator
        case "integer" -> JsonNode::isIntegralNumber;
        default -> throw new UnknownKeyword("type " + argument);
      };
    }

    private static Predicate<JsonNode> anyOf(JsonNode argument) throws UnknownKeyword {
      if (!argument.isArray()) {
        throw new UnknownKeyword("enum that is not an array");
      }
      List<JsonNode> allowed = new ArrayList<>();
      argument.forEach(allowed::add);
      return allowed::contains;
    }

    private static int count(JsonNode argument) throws UnknownKeyword {
      if (!argument.canConvertToInt() || !argument.isIntegralNumber()) {
        throw new UnknownKeyword("a count that is not an integer: " + argument);
      }
      return argument.intValue();
    }

    private static long bound(JsonNode argument) throws UnknownKeyword {
      if (!argument.isIntegralNumber() || !argument.canConvertToLong()) {
        throw new UnknownKeyword("a bound that is not an integer: " + argument);
      }
      return argument.longValue();
    }

    /** JSON Schema counts a string's length in code points; other values pass. */
    private static Predicate<JsonNode> length(int min, int max) {
      return value -> {
        if (!value.isTextual()) {
          return true;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        return length >= min && length <= max;
      };
    }

    /**
     * The whole string must match, which is stricter than the schema's "somewhere in the string"
     * for an unanchored pattern; the text rules run as the validator runs them ({@link Patterns}).
     */
    private static Predicate<JsonNode> pattern(JsonNode argument) {
      Predicate<String> pattern = Patterns.whole(argument.asText());
      return value -> !value.isTextual() || pattern.test(value.textValue());
    }

    /** {@code uri-reference} is the validator's own check ({@link UriReference}), not a copy. */
    private static Predicate<JsonNode> format(JsonNode argument) throws UnknownKeyword {
      return switch (argument.asText()) {
        case "email" ->
            value -> !value.isTextual() || CommonEmail.isCertainlyValid(value.textValue());
        case "uri-reference" ->
            value -> !value.isTextual() || UriReference.isValid(value.textValue());
        default -> throw new UnknownKeyword("format " + argument);
      };
    }

    /**
     * Every member name against the schema; the names {@code properties} declares are checked once,
     * here, rather than on every value.
     */
    private static Predicate<JsonNode> propertyNames(JsonNode schema, Predicate<JsonNode> name) {
      Set<String> declared = new HashSet<>();
      schema
          .path("properties")
          .fieldNames()
          .forEachRemaining(
              known -> {
                if (name.test(TextNode.valueOf(known))) {
                  declared.add(known);
                }
              });
      return value -> {
        if (!value.isObject()) {
          return true;
        }
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
          String next = names.next();
          if (!declared.contains(next) && !name.test(TextNode.valueOf(next))) {
            return false;
          }
        }
        return true;
      };
    }

    private static Predicate<JsonNode> items(int min, int max) {
      return value -> !value.isArray() || (value.size() >= min && value.size() <= max);
    }

    private static Predicate<JsonNode> everyItem(Predicate<JsonNode> item) {
      return value -> {
        if (!value.isArray()) {
          return true;
        }
        for (JsonNode element : value) {
          if (!item.test(element)) {
            return false;
          }
        }
        return true;
      };
    }

    /** Numbers that are not plain integers (1.5, 1.0, 1e3) are left to the validator. */
    private static Predicate<JsonNode> atLeast(long minimum) {
      return value ->
          !value.isNumber()
              || (value.isIntegralNumber()
                  && value.canConvertToLong()
                  && value.longValue() >= minimum);
    }

    private static Predicate<JsonNode> atMost(long maximum) {
      return value ->
          !value.isNumber()
              || (value.isIntegralNumber()
                  && value.canConvertToLong()
                  && value.longValue() <= maximum);
    }

    private static Predicate<JsonNode> required(JsonNode argument) throws UnknownKeyword {
      if (!argument.isArray()) {
        throw new UnknownKeyword("required that is not an array");
      }
      List<String> names = new ArrayList<>();
      argument.forEach(name -> names.add(name.asText()));
      return value -> {
        if (!value.isObject()) {
          return true;
        }
        for (String name : names) {
          if (!value.has(name)) {
            return false;
          }
        }
        return true;
      };
    }

    /** Each known property against its schema; others only if additionalProperties allows. */
    private Predicate<JsonNode> properties(JsonNode schema) throws UnknownKeyword {
      Map<String, Predicate<JsonNode>> known = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> declared = schema.get("properties").fields();
      while (declared.hasNext()) {
        Map.Entry<String, JsonNode> property = declared.next();
        known.put(property.getKey(), compile(property.getValue()));
      }
      boolean closed =
          schema.path("additionalProperties").isBoolean()
              && !schema.get("additionalProperties").booleanValue();
      return value -> {
        if (!value.isObject()) {
          return true;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          Predicate<JsonNode> check = known.get(field.getKey());
          if (check == null ? closed : !check.test(field.getValue())) {
            return false;
          }
        }
        return true;
      };
    }

    /** Only {@code false} (checked with properties) and {@code true} are understood. */
    private static void checkAdditional(JsonNode schema, JsonNode argument) throws UnknownKeyword {
      if (!argument.isBoolean()) {
        throw new UnknownKeyword("additionalProperties with a schema");
      }
      if (!argument.booleanValue() && !schema.has("properties")) {
        throw new UnknownKeyword("additionalProperties false without properties");
      }
    }

    /** Only references into the same document's {@code $defs}. */
    private Predicate<JsonNode> ref(JsonNode argument) throws UnknownKeyword {
      String ref = argument.asText();
      if (!ref.startsWith("#/$defs/") || ref.indexOf('/', "#/$defs/".length()) >= 0) {
        throw new UnknownKeyword("$ref " + ref);
      }
      Predicate<JsonNode> known = refs.get(ref);
      if (known == null) {
        if (!compiling.add(ref)) {
          throw new UnknownKeyword("a $ref that refers to itself: " + ref);
        }
        JsonNode target = root.path("$defs").get(ref.substring("#/$defs/".length()));
        if (target == null) {
          throw new UnknownKeyword("$ref to a missing definition " + ref);
        }
        known = compile(target);
        refs.put(ref, known);
      }
      return known;
    }
  }
}
