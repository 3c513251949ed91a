package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convgate.support.JsonCustomizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class EventDecoderTest {

  private static final ObjectMapper JSON = JsonCustomizer.configure(new ObjectMapper());
  private static final String TIME = "2026-11-20T10:00:00+05:30";
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private final EventDecoder decoder =
      new EventDecoder(JSON, new SchemaCatalog(), List.of(new ContactRule(), new CurrencyRule()));

  // --- valid events ----------------------------------------------------------------------------

  @Test
  void decodesAValidStructuredSale() throws Exception {
    ObjectNode data = sale("USD", "19.99");
    ObjectNode envelope = envelope("sale.completed", data);

    ConversionEvent event = decoder.decode(bytes(envelope), Map.of());

    assertThat(event.id()).isEqualTo("evt-1");
    assertThat(event.source()).isEqualTo("billing/stripe");
    assertThat(event.type()).isEqualTo(EventType.SALE_COMPLETED);
    assertThat(event.time())
        .isEqualTo(OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    assertThat(event.time().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(event.integration()).isEqualTo("acme");
    assertThat(event.subject()).isNull();
    assertThat(event.data()).isEqualTo(data);
  }

  @Test
  void decodesLeadAndRefundWithSubject() throws Exception {
    ObjectNode lead = JSON.createObjectNode().put("email", "ada@example.com");
    ObjectNode leadEnvelope = envelope("lead.upserted", lead).put("subject", "lead/42");
    ConversionEvent leadEvent = decoder.decode(bytes(leadEnvelope), Map.of());
    assertThat(leadEvent.type()).isEqualTo(EventType.LEAD_UPSERTED);
    assertThat(leadEvent.subject()).isEqualTo("lead/42");
    assertThat(leadEvent.data()).isEqualTo(lead);

    ObjectNode refund =
        JSON.createObjectNode()
            .put("saleId", "s-1")
            .put("refundedAmount", "1500")
            .put("currency", "JPY");
    ConversionEvent refundEvent =
        decoder.decode(bytes(envelope("sale.refunded", refund)), Map.of());
    assertThat(refundEvent.type()).isEqualTo(EventType.SALE_REFUNDED);
    assertThat(refundEvent.data()).isEqualTo(refund);
  }

  @Test
  void binaryModeDecodesToTheSameEvent() throws Exception {
    ObjectNode data = sale("USD", "19.99");
    ConversionEvent structured = decoder.decode(bytes(envelope("sale.completed", data)), Map.of());

    Map<String, String> headers = new HashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", "evt-1");
    headers.put("ce_source", "billing/stripe");
    headers.put("ce_type", "sale.completed");
    headers.put("ce_time", TIME);
    headers.put("ce_integration", "acme");
    headers.put("content-type", "application/json");
    ConversionEvent binary = decoder.decode(bytes(data), headers);

    assertThat(binary).isEqualTo(structured);
    assertThat(binary.time().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
  }

  @Test
  void binaryModeIsValidatedLikeStructuredMode() {
    Map<String, String> headers = new HashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", "evt-1");
    headers.put("ce_source", "billing/stripe");
    headers.put("ce_type", "sale.completed");
    headers.put("ce_integration", "acme");
    InvalidEventException e = reject(bytes(sale("USD", "19.99")), headers);
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactly("/time");
  }

  @Test
  void anEventMayNameNoIntegrationAndGoWhereTheRoutesSendIt() throws Exception {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
    envelope.remove("integration");
    assertThat(decoder.decode(bytes(envelope), Map.of()).integration()).isNull();
    Map<String, String> headers = new HashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", "evt-1");
    headers.put("ce_source", "billing/stripe");
    headers.put("ce_type", "sale.completed");
    headers.put("ce_time", TIME);
    assertThat(decoder.decode(bytes(sale("USD", "19.99")), headers).integration()).isNull();
  }

  @Test
  void acceptsAmountsWithinTheCurrencysMinorUnits() throws Exception {
    assertThat(decoder.decode(bytes(envelope("sale.completed", sale("USD", "19.9"))), Map.of()))
        .isNotNull();
    assertThat(decoder.decode(bytes(envelope("sale.completed", sale("JPY", "1500"))), Map.of()))
        .isNotNull();
    assertThat(decoder.decode(bytes(envelope("sale.completed", sale("KWD", "1.125"))), Map.of()))
        .isNotNull();
  }

  // --- not JSON --------------------------------------------------------------------------------

  @Test
  void notJson() {
    InvalidEventException e = reject("hello, world".getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.NOT_JSON);
    assertThat(e.reason().code()).isEqualTo("not-json");
  }

  @Test
  void truncatedJsonIsNotJson() {
    byte[] whole = bytes(envelope("sale.completed", sale("USD", "19.99")));
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertThat(reject(truncated, Map.of()).reason()).isEqualTo(RejectionReason.NOT_JSON);
  }

  @Test
  void emptyValueIsNotJson() {
    assertThat(reject(new byte[0], Map.of()).reason()).isEqualTo(RejectionReason.NOT_JSON);
  }

  @Test
  void invalidUtf8IsNotJson() {
    assertThat(reject(new byte[] {(byte) 0xC3, (byte) 0x28}, Map.of()).reason())
        .isEqualTo(RejectionReason.NOT_JSON);

    // A well-formed envelope whose first name carries a Latin-1 byte, not UTF-8.
    ObjectNode data = sale("USD", "19.99").put("firstName", "ZOE_MARKER");
    byte[] utf8 = bytes(envelope("sale.completed", data));
    String text = new String(utf8, StandardCharsets.UTF_8);
    ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
    int at = text.indexOf("ZOE_MARKER");
    latin1.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    latin1.writeBytes(new byte[] {'Z', 'o', (byte) 0xEB});
    latin1.writeBytes(text.substring(at + "ZOE_MARKER".length()).getBytes(StandardCharsets.UTF_8));
    assertThat(reject(latin1.toByteArray(), Map.of()).reason()).isEqualTo(RejectionReason.NOT_JSON);
  }

  @Test
  void jsonInUtf16IsNotTakenForUtf8() {
    byte[] utf16 =
        new String(bytes(envelope("sale.completed", sale("USD", "19.99"))), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_16LE);

    assertThat(reject(utf16, Map.of()).reason()).isEqualTo(RejectionReason.NOT_JSON);
  }

  @Test
  void binaryModeValueThatIsNotJson() {
    Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "x");
    assertThat(reject("not json".getBytes(StandardCharsets.UTF_8), headers).reason())
        .isEqualTo(RejectionReason.NOT_JSON);
  }

  // --- envelope --------------------------------------------------------------------------------

  @Test
  void jsonArrayIsAnInvalidEnvelope() {
    ArrayNode array = JSON.createArrayNode().add(envelope("sale.completed", sale("USD", "1")));
    InvalidEventException e = reject(bytes(array), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
  }

  @Test
  void jsonScalarIsAnInvalidEnvelope() {
    assertThat(reject("\"sale\"".getBytes(StandardCharsets.UTF_8), Map.of()).reason())
        .isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(reject("42".getBytes(StandardCharsets.UTF_8), Map.of()).reason())
        .isEqualTo(RejectionReason.INVALID_ENVELOPE);
  }

  @Test
  void missingRequiredAttributesAreNamed() {
    for (String attribute : List.of("id", "time", "source", "type", "data")) {
      ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
      envelope.remove(attribute);
      InvalidEventException e = reject(bytes(envelope), Map.of());
      assertThat(e.reason()).as(attribute).isEqualTo(RejectionReason.INVALID_ENVELOPE);
      assertThat(fields(e)).as(attribute).containsExactly("/" + attribute);
    }
  }

  @Test
  void allMissingAttributesAreReportedTogether() {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
    envelope.remove(List.of("id", "time", "source"));
    InvalidEventException e = reject(bytes(envelope), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactlyInAnyOrder("/id", "/time", "/source");
  }

  @Test
  void timeWithoutOffsetIsRejected() {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
    envelope.put("time", "2026-11-20T10:00:00");
    InvalidEventException e = reject(bytes(envelope), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactly("/time");
  }

  @Test
  void impossibleTimeIsRejected() {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
    envelope.put("time", "2026-02-30T10:00:00Z");
    InvalidEventException e = reject(bytes(envelope), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactly("/time");
  }

  @Test
  void wrongSpecVersionIsRejected() {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99"));
    envelope.put("specversion", "0.3");
    InvalidEventException e = reject(bytes(envelope), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactly("/specversion");
  }

  @Test
  void unknownTypeListsTheKnownTypes() {
    InvalidEventException e =
        reject(bytes(envelope("order.shipped", sale("USD", "19.99"))), Map.of());
    assertThat(e.reason()).isEqualTo(RejectionReason.UNKNOWN_TYPE);
    assertThat(e.errors()).hasSize(1);
    FieldError error = e.errors().get(0);
    assertThat(error.field()).isEqualTo("/type");
    assertThat(error.message())
        .contains("order.shipped")
        .contains("lead.upserted")
        .contains("sale.completed")
        .contains("sale.refunded");
  }

  // --- data ------------------------------------------------------------------------------------

  @Test
  void saleWithoutItems() {
    ObjectNode data = sale("USD", "19.99");
    data.remove("items");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactly("/data/items");
  }

  @Test
  void itemNameTooShort() {
    ObjectNode data = sale("USD", "19.99");
    ((ObjectNode) data.get("items").get(0)).put("name", "ab");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactly("/data/items/0/name");
  }

  @Test
  void tooManyDecimalsForUsd() {
    InvalidEventException e = rejectData("sale.completed", sale("USD", "19.999"));
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).field()).isEqualTo("/data/items/0/unitPrice");
    assertThat(e.errors().get(0).message()).contains("USD").contains("19.999");
  }

  @Test
  void anyDecimalsForJpy() {
    InvalidEventException e = rejectData("sale.completed", sale("JPY", "1500.5"));
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).field()).isEqualTo("/data/items/0/unitPrice");
    assertThat(e.errors().get(0).message()).contains("JPY");
  }

  @Test
  void tooManyDecimalsInOrderAndItemAmountsAndRefunds() {
    ObjectNode data = sale("USD", "19.99");
    data.put("shippingCost", "4.999");
    ((ObjectNode) data.get("items").get(0)).put("taxes", "0.001");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactlyInAnyOrder("/data/shippingCost", "/data/items/0/taxes");

    ObjectNode refund =
        JSON.createObjectNode()
            .put("saleId", "s-1")
            .put("refundedAmount", "12.345")
            .put("currency", "USD");
    assertThat(fields(rejectData("sale.refunded", refund))).containsExactly("/data/refundedAmount");
  }

  @Test
  void unknownCurrency() {
    InvalidEventException e = rejectData("sale.completed", sale("XYZ", "19.99"));
    assertThat(fields(e)).containsExactly("/data/currency");
    assertThat(e.errors().get(0).message()).contains("XYZ");
  }

  @Test
  void leadWithoutEmailOrPhone() {
    ObjectNode lead = JSON.createObjectNode().put("firstName", "Ada");
    assertThat(fields(rejectData("lead.upserted", lead))).containsExactly("/data/email");

    lead.putArray("phoneNumbers");
    assertThat(fields(rejectData("lead.upserted", lead))).containsExactly("/data/email");
  }

  @Test
  void saleWithoutEmailOrPhone() {
    ObjectNode data = sale("USD", "19.99");
    data.remove("email");
    assertThat(fields(rejectData("sale.completed", data))).containsExactly("/data/email");
  }

  @Test
  void unknownFieldInDataIsNamed() {
    ObjectNode data = sale("USD", "19.99").put("couponCode", "BLACKFRIDAY");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactly("/data/couponCode");

    ObjectNode itemExtra = sale("USD", "19.99");
    ((ObjectNode) itemExtra.get("items").get(0)).put("colour", "red");
    assertThat(fields(rejectData("sale.completed", itemExtra)))
        .containsExactly("/data/items/0/colour");

    ObjectNode leadExtra = JSON.createObjectNode().put("email", "a@example.com").put("age", "42");
    assertThat(fields(rejectData("lead.upserted", leadExtra))).containsExactly("/data/age");
  }

  @Test
  void twoBadFieldsInTheSchemaAreReportedTogether() {
    ObjectNode data = sale("USD", "19.99");
    ((ObjectNode) data.get("items").get(0)).put("name", "ab");
    ((ObjectNode) data.get("items").get(0)).put("quantity", 0);
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactlyInAnyOrder("/data/items/0/name", "/data/items/0/quantity");
  }

  @Test
  void twoBrokenRulesAreReportedTogether() {
    ObjectNode data = sale("USD", "19.999");
    data.remove("email");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).containsExactlyInAnyOrder("/data/email", "/data/items/0/unitPrice");
  }

  @Test
  void aSchemaErrorAndABrokenRuleAreReportedTogether() {
    ObjectNode data = sale("USD", "19.999");
    ((ObjectNode) data.get("items").get(0)).put("name", "ab");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e))
        .containsExactlyInAnyOrder("/data/items/0/name", "/data/items/0/unitPrice");
  }

  @Test
  void malformedMoneyAndMissingCurrencyAreSchemaErrorsNotCrashes() {
    ObjectNode data = sale("USD", "abc");
    data.remove("currency");
    InvalidEventException e = rejectData("sale.completed", data);
    assertThat(fields(e)).contains("/data/currency", "/data/items/0/unitPrice");
  }

  // --- repeated member names -------------------------------------------------------------------

  @Test
  void aRepeatedEnvelopeMemberIsRejectedAndNamed() {
    String valid = new String(bytes(envelope("sale.completed", sale("USD", "19.99"))), UTF8);
    String twoIds = valid.replaceFirst("\\{", "{\"id\":\"evt-other\",");

    InvalidEventException e = reject(twoIds.getBytes(UTF8), Map.of());

    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_ENVELOPE);
    assertThat(fields(e)).containsExactly("/id");
    assertThat(e.errors().get(0).message()).contains("more than once");
  }

  @Test
  void aRepeatedMemberDeepInTheDataIsRejectedAndNamed() {
    String valid = new String(bytes(envelope("sale.completed", sale("USD", "19.99"))), UTF8);
    String twoSkus = valid.replace("\"name\":", "\"sku\":\"A-1\",\"sku\":\"B-2\",\"name\":");

    InvalidEventException e = reject(twoSkus.getBytes(UTF8), Map.of());

    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_DATA);
    assertThat(fields(e)).containsExactly("/data/items/0/sku");
  }

  @Test
  void aRepeatedDataObjectIsRejected() {
    String valid = new String(bytes(envelope("sale.completed", sale("USD", "19.99"))), UTF8);
    String twoData = valid.replaceFirst("\\{", "{\"data\":{\"saleId\":\"other\"},");

    InvalidEventException e = reject(twoData.getBytes(UTF8), Map.of());

    assertThat(fields(e)).containsExactly("/data");
  }

  @Test
  void aRepeatedMemberInABinaryModeValueIsRejectedAndNamed() {
    String data = new String(bytes(sale("USD", "19.99")), UTF8);
    String twoSaleIds = data.replaceFirst("\\{", "{\"saleId\":\"ch_other\",");

    InvalidEventException e = reject(twoSaleIds.getBytes(UTF8), binaryHeaders());

    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_DATA);
    assertThat(fields(e)).containsExactly("/data/saleId");
  }

  // --- CloudEvents attributes ------------------------------------------------------------------

  @Test
  void sourceMustBeAUriReference() {
    for (String invalid :
        List.of(
            "billing stripe",
            "billing/stripé",
            "billing\nstripe",
            "1billing:stripe",
            ":stripe",
            "billing/%zz",
            "billing#a#b",
            "https://shop example.com/",
            "https://shop.example.com:80a/",
            "https://[::1/billing",
            "https://[1:2:3:4:5:6:7:8:9]/",
            "billing/<stripe>")) {
      ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99")).put("source", invalid);
      InvalidEventException e = reject(bytes(envelope), Map.of());
      assertThat(e.reason()).as(invalid).isEqualTo(RejectionReason.INVALID_ENVELOPE);
      assertThat(fields(e)).as(invalid).containsExactly("/source");
      assertThat(e.errors().get(0).message()).as(invalid).contains("URI-reference");
    }
  }

  @Test
  void relativeAndAbsoluteUriReferencesAreSources() throws Exception {
    for (String valid :
        List.of(
            "billing/stripe",
            "/billing",
            "https://shop.example.com/billing?region=eu#main",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
            "mailto:billing@example.com",
            "//[2001:db8::7]:8080/billing",
            "http://user:pw@10.0.0.1/x",
            "./stripe%20eu",
            "billing:stripe")) {
      ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99")).put("source", valid);
      assertThat(decoder.decode(bytes(envelope), Map.of()).source()).isEqualTo(valid);
    }
  }

  @Test
  void idMustBePrintableTextThatIsNotBlank() {
    for (String invalid :
        List.of(" ", "   ", "\u3000", "evt\u00001", "evt-1\n", "\t", "evt\uD800")) {
      ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99")).put("id", invalid);
      InvalidEventException e = reject(bytes(envelope), Map.of());
      assertThat(e.reason()).as(invalid).isEqualTo(RejectionReason.INVALID_ENVELOPE);
      assertThat(fields(e)).as(invalid).containsExactly("/id");
      assertThat(e.errors().get(0).message()).as(invalid).contains("not blank");
    }
  }

  @Test
  void binaryModeIdIsCheckedLikeStructuredMode() {
    Map<String, String> headers = binaryHeaders();
    headers.put("ce_id", " ");
    InvalidEventException e = reject(bytes(sale("USD", "19.99")), headers);
    assertThat(fields(e)).containsExactly("/id");
  }

  @Test
  void extensionNamesAreLowerCaseLettersAndDigits() {
    for (String invalid : List.of("traceId", "trace_id", "trace-id", "TRACE", "", "trace id")) {
      ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99")).put(invalid, "x");
      InvalidEventException e = reject(bytes(envelope), Map.of());
      assertThat(e.reason()).as(invalid).isEqualTo(RejectionReason.INVALID_ENVELOPE);
      assertThat(fields(e)).as(invalid).containsExactly("/" + invalid);
      assertThat(e.errors().get(0).message()).as(invalid).contains("attribute name");
    }
  }

  @Test
  void binaryModeExtensionHeadersFollowTheNamingRule() {
    Map<String, String> headers = binaryHeaders();
    headers.put("ce_traceId", "abc");
    InvalidEventException e = reject(bytes(sale("USD", "19.99")), headers);
    assertThat(fields(e)).containsExactly("/traceId");
  }

  @Test
  void wellNamedExtensionsAreAcceptedEvenPastTwentyCharacters() throws Exception {
    ObjectNode envelope =
        envelope("sale.completed", sale("USD", "19.99"))
            .put("traceparent", "00-abc-01")
            .put("partitionkey2", "k")
            .put("averyveryverylongextensionname", "the spec only advises 20 at most");
    assertThat(decoder.decode(bytes(envelope), Map.of())).isNotNull();
  }

  @Test
  void anEmptySubjectIsRejected() {
    ObjectNode envelope = envelope("sale.completed", sale("USD", "19.99")).put("subject", "");
    assertThat(fields(reject(bytes(envelope), Map.of()))).containsExactly("/subject");
  }

  // --- text in the data ------------------------------------------------------------------------

  @Test
  void blankIdsSkusAndItemNamesAreRejected() {
    ObjectNode data = sale("USD", "19.99").put("saleId", "  ");
    ObjectNode item = (ObjectNode) data.get("items").get(0);
    item.put("sku", "\u3000");
    item.put("name", "    ");
    item.put("tag", " ");
    item.put("category", "\u00A0");
    data.put("cartId", " ").put("subscriptionId", " ").put("stage", " ");
    data.putArray("ipAddresses").add(" ");

    InvalidEventException e = rejectData("sale.completed", data);

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "/data/saleId",
            "/data/items/0/sku",
            "/data/items/0/name",
            "/data/items/0/tag",
            "/data/items/0/category",
            "/data/cartId",
            "/data/subscriptionId",
            "/data/stage",
            "/data/ipAddresses/0");
    assertThat(e.errors()).allSatisfy(error -> assertThat(error.message()).contains("not blank"));
  }

  @Test
  void controlCharactersInNamesIdsAndSkusAreRejected() {
    ObjectNode data = sale("USD", "19.99").put("saleId", "ch_1\u0000");
    data.put("firstName", "Ada\r\nX-Injected: 1").put("lastName", "Love\u0085lace");
    ObjectNode item = (ObjectNode) data.get("items").get(0);
    item.put("sku", "SKU\u001b[31m");
    item.put("name", "Annual\u2028plan");

    InvalidEventException e = rejectData("sale.completed", data);

    assertThat(fields(e))
        .containsExactlyInAnyOrder(
            "/data/saleId",
            "/data/firstName",
            "/data/lastName",
            "/data/items/0/sku",
            "/data/items/0/name");
    assertThat(e.errors())
        .allSatisfy(error -> assertThat(error.message()).contains("no control characters"));
  }

  @Test
  void aTrailingLineBreakIsAControlCharacterToo() {
    ObjectNode lead = JSON.createObjectNode().put("firstName", "Ada\n");
    lead.putArray("phoneNumbers").add("+1 415 555 0100\n");
    lead.putArray("tags").add("vip\n");
    assertThat(fields(rejectData("lead.upserted", lead)))
        .containsExactlyInAnyOrder("/data/firstName", "/data/phoneNumbers/0", "/data/tags/0");

    ObjectNode sale = sale("USD", "19.99\n").put("currency", "USD\n");
    assertThat(fields(rejectData("sale.completed", sale)))
        .contains("/data/items/0/unitPrice", "/data/currency");
  }

  @Test
  void unpairedSurrogatesAreRejectedAndPairedOnesAreText() throws Exception {
    ObjectNode lead = JSON.createObjectNode().put("email", "ada@example.com");
    lead.put("firstName", "Ada \uD83D\uDE00");
    assertThat(decoder.decode(bytes(envelope("lead.upserted", lead)), Map.of())).isNotNull();

    String unpaired =
        new String(bytes(envelope("lead.upserted", lead)), UTF8).replace("\"Ada ", "\"Ada \\ud83d");
    InvalidEventException e = reject(unpaired.getBytes(UTF8), Map.of());
    assertThat(fields(e)).containsExactly("/data/firstName");
  }

  @Test
  void blankNamesAreAcceptedBecauseTheyAreLeftOut() throws Exception {
    ObjectNode lead =
        JSON.createObjectNode()
            .put("email", "ada@example.com")
            .put("firstName", "")
            .put("lastName", " \u3000 ");
    assertThat(decoder.decode(bytes(envelope("lead.upserted", lead)), Map.of())).isNotNull();
  }

  @Test
  void markupInANameIsTextAndPassesUnchanged() throws Exception {
    ObjectNode data =
        sale("USD", "19.99")
            .put("firstName", "<script>alert('x')</script>")
            .put("lastName", "O'Brien & \"Sons\" <b>");
    ((ObjectNode) data.get("items").get(0)).put("name", "<img src=x onerror=alert(1)>");

    ConversionEvent event = decoder.decode(bytes(envelope("sale.completed", data)), Map.of());

    assertThat(event.data()).isEqualTo(data);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static ObjectNode sale(String currency, String unitPrice) {
    ObjectNode data = JSON.createObjectNode();
    data.put("saleId", "ch_1");
    data.put("email", "ada@example.com");
    data.put("currency", currency);
    ObjectNode item = data.putArray("items").addObject();
    item.put("name", "Annual plan");
    item.put("unitPrice", unitPrice);
    item.put("quantity", 1);
    return data;
  }

  private static ObjectNode envelope(String type, ObjectNode data) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", "evt-1");
    envelope.put("source", "billing/stripe");
    envelope.put("type", type);
    envelope.put("time", TIME);
    envelope.put("integration", "acme");
    envelope.put("datacontenttype", "application/json");
    envelope.set("data", data);
    return envelope;
  }

  private static Map<String, String> binaryHeaders() {
    Map<String, String> headers = new HashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", "evt-1");
    headers.put("ce_source", "billing/stripe");
    headers.put("ce_type", "sale.completed");
    headers.put("ce_time", TIME);
    headers.put("ce_integration", "acme");
    return headers;
  }

  private static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private InvalidEventException reject(byte[] value, Map<String, String> headers) {
    InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> decoder.decode(value, headers));
    assertThat(e).as("the event must be rejected").isNotNull();
    assertThat(e.errors()).as("a rejection always says why").isNotEmpty();
    assertThat(e.getMessage()).startsWith(e.reason().code());
    return e;
  }

  private InvalidEventException rejectData(String type, ObjectNode data) {
    InvalidEventException e = reject(bytes(envelope(type, data)), Map.of());
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(RejectionReason.INVALID_DATA);
    return e;
  }

  private static List<String> fields(InvalidEventException e) {
    return e.errors().stream().map(FieldError::field).toList();
  }
}
