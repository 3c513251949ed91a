package io.convgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.SqlConnectOptions;
import org.junit.jupiter.api.Test;

/**
 * The ledger's per-poll statements stay within the SQL client's prepared-statement cache. A text of
 * 2,048 characters or more is never cached: the client prepares it again (parse, describe, close)
 * on every execution, which made each claim cost more gateway CPU and allocation per event
 * (docs/benchmarks.md, "Claim statement over the cache limit").
 */
class LedgerStatementsTest {

  @Test
  void perPollStatementsAreCachedAsPrepared() {
    var cached = SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER;
    assertThat(Ledger.CLAIM).matches(cached, "shorter than the cache's SQL limit");
    assertThat(Ledger.RECORD).matches(cached, "shorter than the cache's SQL limit");
    assertThat(Ledger.PARK).matches(cached, "shorter than the cache's SQL limit");
    assertThat(Ledger.UNPARK).matches(cached, "shorter than the cache's SQL limit");
  }
}
