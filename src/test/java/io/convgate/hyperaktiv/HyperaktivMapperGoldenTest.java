package io.convgate.hyperaktiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.event.ContactRule;
import io.convgate.event.ConversionEvent;
import io.convgate.event.CurrencyRule;
import io.convgate.event.EventDecoder;
import io.convgate.event.EventType;
import io.convgate.event.FieldError;
import io.convgate.event.InvalidEventException;
import io.convgate.event.LeadData;
import io.convgate.event.RejectionReason;
import io.convgate.event.SchemaCatalog;
import io.convgate.mapping.EventMapper;
import io.convgate.mapping.MappedEvent;
import io.convgate.support.JsonCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each lead a producer can send (the example of docs/examples and the lead cases of
 * the Hyros golden files) and, in {@code hyperaktiv-golden/<case>/expected.json}, the exact body
 * convgate posts to Hyperaktiv for it.
 */
class HyperaktivMapperGoldenTest {

  private static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());

  /** A plain mapper: the body must not depend on the gateway's mapper settings. */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static final EventDecoder DECODER =
      new EventDecoder(JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));

  private static final String EXAMPLE = "example-lead-upserted";

  static Stream<String> cases() {
    return Stream.of(EXAMPLE, "lead-email-only", "lead-all-fields", "lead-markup-blank-name");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapsToTheGoldenBody(String name) throws Exception {
    ConversionEvent event = decode(name);
    JsonNode expected = JSON.readTree(resource("/hyperaktiv-golden/" + name + "/expected.json"));

    HyperaktivCall call = map(event);

    for (ObjectMapper mapper : List.of(JSON, PLAIN)) {
      JsonNode actual = mapper.readTree(mapper.writeValueAsString(call.body()));
      assertThat(actual)
          .as("%s%nexpected: %s%nactual:   %s", name, expected, actual)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dedupesAndOrdersLikeTheHyrosLead(String name) throws Exception {
    ConversionEvent event = decode(name);
    MappedEvent hyros =
        EventMapper.lead(event.id(), JSON.treeToValue(event.data(), LeadData.class));

    HyperaktivCall call = map(event);

    assertThat(call.idempotencyKey()).isEqualTo(hyros.idempotencyKey()).startsWith("lead:");
    assertThat(call.orderingKey()).isEqualTo(hyros.orderingKey());
  }

  @Test
  void everyFieldNameIsHyperaktivsAndNoNullIsSent() throws Exception {
    HyperaktivCall call = map(decode("lead-all-fields"));
    JsonNode body = PLAIN.readTree(PLAIN.writeValueAsString(call.body()));
    List<String> names = fieldNames(body);
    assertThat(names)
        .containsExactly("Email", "Firstname", "Lastname", "PhoneNumber", "JourneyData");
    assertThat(fieldNames(body.get("JourneyData").get(0))).containsExactly("Name", "Value");

    LeadData bare = new LeadData("a@example.com", null, null, null, null, null, null, null);
    String text = PLAIN.writeValueAsString(HyperaktivMapper.lead("e1", null, bare).body());
    assertThat(PLAIN.readTree(text))
        .isEqualTo(
            PLAIN.readTree(
                "{\"Email\":\"a@example.com\",\"JourneyData\":"
                    + "[{\"Name\":\"eventId\",\"Value\":\"e1\"}]}"));
    assertThat(text).doesNotContain("null").doesNotContain("RedirectURL");
  }

  @Test
  void aLeadWithoutAnEmailIsRefusedAtTheEmailField() throws Exception {
    ConversionEvent phoneOnly = decode("lead-phone-only");
    LeadData lead = JSON.treeToValue(phoneOnly.data(), LeadData.class);

    assertThatThrownBy(() -> HyperaktivMapper.lead(phoneOnly.id(), phoneOnly.source(), lead))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_DATA);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly("/data/email");
              assertThat(e.detail()).contains("Hyperaktiv needs an email address");
            });
  }

  @Test
  void blankListValuesAndBlankStagesAreLeftOut() throws Exception {
    LeadData lead =
        new LeadData(
            "b@example.com",
            List.of("+1 415 555 0100"),
            "",
            "Lee",
            List.of(" ", "vip"),
            List.of("203.0.113.7"),
            " ",
            "GRANTED");
    HyperaktivLead body = HyperaktivMapper.lead("e2", "crm/x", lead).body();
    assertThat(body.firstName()).isNull();
    assertThat(body.phoneNumber()).isEqualTo("+1 415 555 0100");
    assertThat(body.journeyData())
        .containsExactly(
            new HyperaktivLead.JourneyData("tags", "vip"),
            new HyperaktivLead.JourneyData("eventSource", "crm/x"),
            new HyperaktivLead.JourneyData("eventId", "e2"));
  }

  @Test
  void everyLeadExampleAndEveryGoldenDirectoryIsACase() throws Exception {
    List<String> examples;
    try (Stream<Path> files = Files.list(Path.of("docs", "examples"))) {
      examples =
          files
              .filter(f -> isLead(f))
              .map(f -> "example-" + f.getFileName().toString().replace(".json", ""))
              .toList();
    }
    assertThat(examples).isNotEmpty();
    assertThat(cases().toList()).containsAll(examples);
    List<String> dirs;
    try (Stream<Path> list =
        Files.list(Path.of(getClass().getResource("/hyperaktiv-golden").toURI()))) {
      dirs = list.map(d -> d.getFileName().toString()).toList();
    }
    assertThat(dirs).containsExactlyInAnyOrderElementsOf(cases().toList());
  }

  private static boolean isLead(Path file) {
    try {
      return JSON.readTree(file.toFile()).path("type").asText().equals("lead.upserted");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void onlyLeadsGoToHyperaktiv() {
    assertThat(Arrays.stream(EventType.values()).filter(HyperaktivMapper::accepts))
        .containsExactly(EventType.LEAD_UPSERTED);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static HyperaktivCall map(ConversionEvent event) throws InvalidEventException {
    try {
      return HyperaktivMapper.lead(
          event.id(), event.source(), JSON.treeToValue(event.data(), LeadData.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The event of a case, through the real decoder (so a producer could send it): the example
   * envelope as it is in docs/examples, a Hyros golden lead's data in an envelope of its own.
   */
  private static ConversionEvent decode(String name) throws Exception {
    byte[] envelope;
    if (name.equals(EXAMPLE)) {
      envelope = Files.readAllBytes(Path.of("docs", "examples", "lead-upserted.json"));
    } else {
      ObjectNode node = JSON.createObjectNode();
      node.put("specversion", "1.0");
      node.put("id", "evt-lead-" + leadNumber(name));
      node.put("source", "crm/test");
      node.put("type", EventType.LEAD_UPSERTED.wireName());
      node.put("time", "2026-11-20T10:00:00Z");
      node.put("integration", "acme");
      node.set("data", JSON.readTree(resource("/golden/" + name + "/data.json")));
      envelope = JSON.writeValueAsBytes(node);
    }
    return DECODER.decode(envelope, Map.of());
  }

  /** The event ids the Hyros golden test gives these cases. */
  private static int leadNumber(String name) {
    return switch (name) {
      case "lead-email-only" -> 1;
      case "lead-phone-only" -> 2;
      case "lead-all-fields" -> 3;
      case "lead-markup-blank-name" -> 4;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String resource(String path) {
    try (InputStream in = HyperaktivMapperGoldenTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
