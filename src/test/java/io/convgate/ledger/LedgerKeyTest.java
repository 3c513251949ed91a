package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerKeyTest {

  @Test
  void keysWithTheSamePartsAreOneKey() {
    Map<LedgerKey, String> map = new HashMap<>();
    map.put(new LedgerKey("shop", "order:1"), "first");

    assertThat(map.get(new LedgerKey("shop", "order:1"))).isEqualTo("first");
    assertThat(map.get(new LedgerKey("shop", "order:2"))).isNull();
    assertThat(map.get(new LedgerKey("crm", "order:1"))).isNull();
    assertThat(new LedgerKey(null, "order:1")).isEqualTo(new LedgerKey(null, "order:1"));
    assertThat(new LedgerKey("shop", null)).isNotEqualTo(new LedgerKey("shop", "order:1"));
  }
}
