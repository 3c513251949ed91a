package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The quick schema test may only say "valid" where the full validator agrees: checked on the
 * documented examples and on many thousands of random changes to them, field by field.
 */
@Execution(ExecutionMode.CONCURRENT)
class FastSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MUTANTS_PER_SCHEMA = 20_000;

  @Test
  void everySchemaOfContractV1HasAQuickTest() {
    assertThat(new SchemaCatalog().allHaveQuickTests()).isTrue();
  }

  @Test
  void theDocumentedExamplesTakeTheQuickPath() throws IOException {
    for (String example :
        List.of(
            "sale-completed",
            "lead-upserted",
            "sale-refunded",
            "call-booked",
            "call-updated",
            "subscription-started",
            "subscription-changed",
            "cart-created",
            "cart-updated")) {
      JsonNode envelope = example(example);
      EventType type = EventType.fromWireName(envelope.get("type").asText()).orElseThrow();

      assertThat(quick(SchemaCatalog.ENVELOPE).certainlyValid(envelope)).as(example).isTrue();
      assertThat(quick(SchemaCatalog.dataFile(type)).certainlyValid(envelope.get("data")))
          .as(example)
          .isTrue();
    }
  }

  @Test
  void aSchemaWithAKeywordItDoesNotKnowGetsNoQuickTest() throws IOException {
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"oneOf\":[{\"type\":\"string\"}]}}}");

    assertThat(FastSchema.of(schema)).isEmpty();
  }

  @Test
  void whatTheQuickTestAcceptsTheFullValidatorAccepts() throws IOException {
    // one seed and a fixed order, so that a failure is the same on every run
    Random random = new Random(20261130);
    for (String example :
        List.of(
            "sale-completed",
            "lead-upserted",
            "sale-refunded",
            "call-booked",
            "call-updated",
            "subscription-started",
            "subscription-changed",
            "cart-created",
            "cart-updated")) {
      JsonNode envelope = example(example);
      EventType type = EventType.fromWireName(envelope.get("type").asText()).orElseThrow();
      checkAgreement(SchemaCatalog.ENVELOPE, envelope, random);
      checkAgreement(SchemaCatalog.dataFile(type), envelope.get("data"), random);
    }
  }

  @Test
  void theTextRulesOfEverySchemaAreTheOnesTheGatewayRunsAsACharacterLoop() {
    for (String file :
        List.of(
            SchemaCatalog.ENVELOPE,
            "lead.upserted.json",
            "sale.completed.json",
            "sale.refunded.json",
            "call.booked.json",
            "call.updated.json",
            "subscription.started.json",
            "subscription.changed.json",
            "cart.created.json",
            "cart.updated.json")) {
      JsonNode defs = SchemaCatalog.read(file).path("$defs");
      assertThat(defs.path("word").path("pattern").asText()).as(file).isEqualTo(PrintableText.WORD);
      if (defs.has("text")) {
        assertThat(defs.path("text").path("pattern").asText())
            .as(file)
            .isEqualTo(PrintableText.TEXT);
      }
    }
  }

  @Test
  void plainAddressesTakeTheQuickPathAndTheFullValidatorAgrees() {
    JsonSchema email = emailSchema();
    for (String address :
        List.of(
            "jane.doe@example.com",
            "a@b.io",
            "first_last+tag%x-y@mail.sub.example.co",
            "UPPER.Case@EXAMPLE.COM",
            "x1@123.de")) {
      assertThat(CommonEmail.isCertainlyValid(address)).as(address).isTrue();
      assertThat(email.validate(NODES.textNode(address))).as(address).isEmpty();
    }
  }

  @Test
  void everyTopLevelDomainTheQuickPathKnowsIsOneTheFullValidatorKnows() {
    JsonSchema email = emailSchema();
    for (String tld : CommonEmail.TOP_LEVEL_DOMAINS) {
      String address = "someone@example." + tld;
      assertThat(CommonEmail.isCertainlyValid(address)).as(address).isTrue();
      assertThat(email.validate(NODES.textNode(address))).as(address).isEmpty();
    }
  }

  @Test
  void unusualAddressesAreLeftToTheFullValidator() {
    for (String address :
        List.of(
            "\"quoted local\"@example.com",
            "user@[192.168.0.1]",
            "user@example.museum",
            "user@bücher.de",
            "user@localhost",
            ".dot@example.com",
            "dot.@example.com",
            "do..t@example.com",
            "user@-example.com",
            "user@example-.com",
            "user@example..com",
            "user@example.com.",
            "a@b@example.com",
            "@example.com",
            "user@",
            "o'brien@example.com",
            "user@" + "a".repeat(64) + ".com")) {
      assertThat(CommonEmail.isCertainlyValid(address)).as(address).isFalse();
    }
  }

  /**
   * Changes one value of a valid document at random, thousands of times, and asks both: whenever
   * the quick test says valid, the full validator must find no error. Also checks that the changes
   * reach both answers, so the comparison is not empty.
   */
  private static void checkAgreement(String file, JsonNode valid, Random random) {
    JsonNode schema = SchemaCatalog.read(file);
    FastSchema quick = FastSchema.of(schema).orElseThrow();
    JsonSchema full = SchemaCatalog.fullValidator(schema);
    int quicklyValid = 0;
    int notQuicklyValid = 0;
    for (int i = 0; i < MUTANTS_PER_SCHEMA; i++) {
      JsonNode mutant = valid.deepCopy();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        mutant = mutate(mutant, random);
      }
      if (quick.certainlyValid(mutant)) {
        quicklyValid++;
        assertThat(full.validate(mutant)).as(file + ": " + mutant).isEmpty();
      } else {
        notQuicklyValid++;
      }
    }
    assertThat(quicklyValid).as(file + " mutants the quick test accepted").isGreaterThan(100);
    assertThat(notQuicklyValid).as(file + " mutants the quick test refused").isGreaterThan(100);
  }

  /** One random change somewhere in the document (it may be the document itself). */
  private static JsonNode mutate(JsonNode node, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(node, containers);
    if (containers.isEmpty() || random.nextInt(50) == 0) {
      return randomValue(random);
    }
    JsonNode container = containers.get(random.nextInt(containers.size()));
    if (container instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      int action = random.nextInt(10);
      if (action == 0 || names.isEmpty()) {
        object.set(randomName(random), randomValue(random));
      } else if (action == 1) {
        object.remove(names.get(random.nextInt(names.size())));
      } else {
        object.set(names.get(random.nextInt(names.size())), randomValue(random));
      }
    } else if (container instanceof ArrayNode array) {
      int action = random.nextInt(6);
      if (action == 0 || array.isEmpty()) {
        array.add(randomValue(random));
      } else if (action == 1) {
        array.remove(random.nextInt(array.size()));
      } else if (action == 2) {
        for (int i = 0; i < 1 + random.nextInt(600); i++) {
          array.add(array.get(0).deepCopy());
        }
      } else {
        array.set(random.nextInt(array.size()), randomValue(random));
      }
    }
    return node;
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      node.forEach(child -> collectContainers(child, into));
    }
  }

  private static String randomName(Random random) {
    List<String> names =
        List.of(
            "saleId",
            "email",
            "currency",
            "items",
            "name",
            "unitPrice",
            "quantity",
            "unknown",
            "phoneNumbers",
            "tags",
            "refundedAmount",
            "time",
            "specversion",
            "data",
            "stage",
            "adOptimizationConsent",
            "integration",
            "id",
            "Currency",
            "");
    return names.get(random.nextInt(names.size()));
  }

  private static JsonNode randomValue(Random random) {
    List<Supplier<JsonNode>> values =
        List.of(
            () -> NODES.textNode(randomText(random)),
            () -> NODES.textNode(randomEmail(random)),
            () -> NODES.textNode(randomMoney(random)),
            () -> NODES.numberNode(random.nextInt(3_000_000) - 1_000_000),
            () -> NODES.numberNode(random.nextLong()),
            () -> NODES.numberNode(random.nextInt(5) + 0.0),
            () -> NODES.numberNode(random.nextDouble() * 10),
            () -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
            () -> NODES.numberNode(new java.math.BigDecimal("1E+3")),
            () -> NODES.booleanNode(random.nextBoolean()),
            NODES::nullNode,
            NODES::objectNode,
            NODES::arrayNode,
            () -> NODES.arrayNode().add(randomText(random)),
            () -> NODES.textNode("1.0"),
            () -> NODES.textNode("GRANTED"),
            () -> NODES.textNode("application/json"),
            () -> NODES.textNode("2026-11-20T14:03:27+01:00"),
            () -> NODES.textNode("2026-11-20T14:03:27Z\n"),
            () -> NODES.textNode("ab\ud800"),
            () -> NODES.textNode("billing/stripe"),
            () -> NODES.textNode("https://[::1]:80/a?b#c"));
    return values.get(random.nextInt(values.size())).get();
  }

  private static String randomText(Random random) {
    String[] alphabets = {
      "abcxyzABC",
      "0123456789",
      "0123456789.",
      " \t\n",
      ".-_+%@()",
      "é漢😀\u0000\u200b",
      "USDEURJPY",
      " \u00a0\u3000\u2028\u0085\u007f",
      ":/?#[]%<>"
    };
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(8) == 0 ? 190 + random.nextInt(330) : random.nextInt(8);
    for (int i = 0; i < length; i++) {
      String alphabet = alphabets[random.nextInt(alphabets.length)];
      text.appendCodePoint(
          alphabet.codePoints().toArray()[random.nextInt((int) alphabet.codePoints().count())]);
    }
    return text.toString();
  }

  private static String randomEmail(Random random) {
    String[] locals = {"a", "jane.doe", "x+y", ".a", "a.", "a..b", "o'b", "\"q\"", "a b", "é", ""};
    String[] domains = {
      "example.com",
      "example.org",
      "b.io",
      "example",
      "localhost",
      "[127.0.0.1]",
      "ex-.com",
      "-ex.com",
      "ex..com",
      "example.com.",
      "example.zz",
      "bücher.de",
      "EXAMPLE.COM",
      "a.museum",
      "x".repeat(70) + ".com"
    };
    return locals[random.nextInt(locals.length)]
        + (random.nextInt(20) == 0 ? "@@" : "@")
        + domains[random.nextInt(domains.length)];
  }

  private static String randomMoney(Random random) {
    String[] amounts = {
      "0", "9.99", "00.1", "1.2345", "1e3", "-1", "199.00", "1234567890123456", " 1"
    };
    return amounts[random.nextInt(amounts.length)];
  }

  private static FastSchema quick(String file) {
    return FastSchema.of(SchemaCatalog.read(file)).orElseThrow();
  }

  private static JsonSchema emailSchema() {
    ObjectNode schema = NODES.objectNode().put("type", "string").put("format", "email");
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    return SchemaCatalog.fullValidator(schema);
  }

  private static JsonNode example(String name) throws IOException {
    return JSON.readTree(Files.readString(Path.of("docs", "examples", name + ".json")));
  }
}
