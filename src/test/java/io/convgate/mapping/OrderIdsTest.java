package io.convgate.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OrderIdsTest {

  private static final Pattern HYROS_ORDER_ID = Pattern.compile("^[A-Za-z0-9_.:-]+$");
  private static final Pattern HASHED = Pattern.compile("^h:[0-9a-f]{32}$");

  @Test
  void allowedIdsPassThroughUnchanged() {
    for (String id :
        List.of(
            "ch_3PXq9w2eZvKYlo2C1",
            "ORDER-2026-0001",
            "inv_42.1",
            "stripe:pi_123",
            "a",
            "0",
            "x".repeat(100),
            "H:upper-case-is-not-the-hash-prefix")) {
      assertThat(OrderIds.fromSaleId(id)).as(id).isEqualTo(id);
    }
  }

  @Test
  void forbiddenCharactersAreHashedDeterministically() {
    List<String> forbidden =
        List.of(
            "order 1",
            "order/1",
            "order#1",
            "Zoë-42",
            "山田-1",
            "a+b",
            "a?b=c",
            "with\ttab",
            "trailing ",
            " leading",
            "");
    Set<String> results = new HashSet<>();
    for (String id : forbidden) {
      String first = OrderIds.fromSaleId(id);
      assertThat(first).as("hash of '%s'", id).matches(HASHED);
      assertThat(OrderIds.fromSaleId(new String(id.toCharArray())))
          .as("same input gives the same order id")
          .isEqualTo(first);
      results.add(first);
    }
    assertThat(results).as("different inputs give different order ids").hasSize(forbidden.size());
  }

  @Test
  void similarForbiddenIdsDoNotCollide() {
    assertThat(OrderIds.fromSaleId("order 1")).isNotEqualTo(OrderIds.fromSaleId("order 2"));
    assertThat(OrderIds.fromSaleId("order/1")).isNotEqualTo(OrderIds.fromSaleId("order#1"));
    assertThat(OrderIds.fromSaleId("order 1")).isNotEqualTo(OrderIds.fromSaleId("order  1"));
  }

  @Test
  void resultsAlwaysMatchWhatHyrosAccepts() {
    StringBuilder everyAscii = new StringBuilder();
    for (char c = 1; c < 128; c++) {
      everyAscii.append(c);
    }
    List<String> ids =
        List.of(
            "plain-id",
            "with space",
            "slash/and#hash",
            "ünïcödé",
            "🙂",
            everyAscii.toString(),
            "y".repeat(101),
            "z".repeat(200),
            "h:already-looks-hashed");
    for (String id : ids) {
      assertThat(OrderIds.fromSaleId(id))
          .as(id)
          .matches(HYROS_ORDER_ID)
          .hasSizeLessThanOrEqualTo(100);
    }
    for (char c = 1; c < 128; c++) {
      String id = "id" + c + "x";
      assertThat(OrderIds.fromSaleId(id)).as("id with char %d", (int) c).matches(HYROS_ORDER_ID);
    }
  }

  @Test
  void anAllowedIdThatLooksHashedIsHashedToo() {
    String hashed = OrderIds.fromSaleId("order 1");
    assertThat(hashed).matches(HASHED);

    // A producer whose sale id happens to equal another sale's hashed order id must not share it.
    String lookalike = OrderIds.fromSaleId(hashed);
    assertThat(lookalike).matches(HASHED).isNotEqualTo(hashed);

    assertThat(OrderIds.fromSaleId("h:1")).matches(HASHED).isNotEqualTo("h:1");
    assertThat(OrderIds.fromSaleId("h:1")).isEqualTo(OrderIds.fromSaleId("h:1"));
  }

  @Test
  void idsLongerThan100CharactersAreHashed() {
    String hundred = "a".repeat(100);
    String hundredAndOne = "a".repeat(101);
    assertThat(OrderIds.fromSaleId(hundred)).isEqualTo(hundred);
    assertThat(OrderIds.fromSaleId(hundredAndOne)).matches(HASHED);
    assertThat(OrderIds.fromSaleId("a".repeat(102)))
        .matches(HASHED)
        .isNotEqualTo(OrderIds.fromSaleId(hundredAndOne));
  }
}
