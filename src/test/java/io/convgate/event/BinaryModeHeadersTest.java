package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.pipeline.HeaderList;
import io.convgate.support.JsonCustomizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binary mode reads each CloudEvents attribute from exactly one {@code ce_*} header. */
class BinaryModeHeadersTest {

  private static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());

  private final EventDecoder decoder =
      new EventDecoder(JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));

  @Test
  void eachAttributeFromItsHeaderWithOtherHeadersRepeatingFreely() throws Exception {
    HeaderList headers =
        attributes("evt-1")
            .add("trace", utf8("a"))
            .add("trace", utf8("b"))
            .add("ce_ignored-if-null", null)
            .build();

    ConversionEvent event = decoder.decode(data(), headers);

    assertThat(event.id()).isEqualTo("evt-1");
    assertThat(event.integration()).isEqualTo("acme");
  }

  @Test
  void twoIdsAreRefusedAsAmbiguousNotOneOfThemTaken() {
    HeaderList headers = attributes("evt-1").add("ce_id", utf8("evt-2")).build();

    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> decoder.decode(data(), headers));

    assertThat(e).as("a record with two ids must be rejected").isNotNull();
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(e.errors())
        .containsExactly(
            new FieldError(
                "/id",
                "the header ce_id appears 2 times; a CloudEvents attribute takes one value, so"
                    + " send it once"));
  }

  @Test
  void everyRepeatedAttributeIsNamedEvenWhenTheValuesAgree() {
    HeaderList headers =
        attributes("evt-1")
            .add("ce_integration", utf8("acme"))
            .add("ce_type", utf8("sale.completed"))
            .add("ce_type", utf8("sale.completed"))
            .build();

    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> decoder.decode(data(), headers));

    assertThat(e).isNotNull();
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("/type", "/integration");
    assertThat(e.errors().get(0).message()).contains("ce_type appears 3 times");
  }

  @Test
  void aStructuredRecordIgnoresRepeatedCeHeaders() throws Exception {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", "evt-9");
    envelope.put("source", "billing/stripe");
    envelope.put("type", "sale.completed");
    envelope.put("time", "2026-11-20T10:00:00+05:30");
    envelope.put("integration", "acme");
    envelope.set("data", JSON.readTree(data()));
    HeaderList headers =
        HeaderList.builder(2).add("ce_id", utf8("x")).add("ce_id", utf8("y")).build();

    ConversionEvent event = decoder.decode(JSON.writeValueAsBytes(envelope), headers);

    assertThat(event.id()).isEqualTo("evt-9");
  }

  private static HeaderList.Builder attributes(String id) {
    return HeaderList.builder(8)
        .add("ce_specversion", utf8("1.0"))
        .add("ce_id", utf8(id))
        .add("ce_source", utf8("billing/stripe"))
        .add("ce_type", utf8("sale.completed"))
        .add("ce_time", utf8("2026-11-20T10:00:00+05:30"))
        .add("ce_integration", utf8("acme"));
  }

  private static byte[] data() {
    return utf8(
        "{\"saleId\":\"ch_1\",\"email\":\"ada@example.com\",\"currency\":\"USD\","
            + "\"items\":[{\"name\":\"Annual plan\",\"unitPrice\":\"19.99\",\"quantity\":1}]}");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
