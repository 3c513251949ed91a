package io.convgate.integration;

import io.convgate.secret.KeySealer;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Hyros keys at rest: sealed with the active master key, bound to their integration id. At
 * start-up, rows still holding a key in clear (written by SQL, or before sealing existed) and rows
 * sealed under an older master key are sealed again with the active one. A retired integration has
 * no key left to seal.
 */
@Singleton
public class IntegrationKeys {

  private static final Logger LOGGER = Logger.getLogger(IntegrationKeys.class);

  private final KeySealer sealer;
  private final Pool pool;

  public IntegrationKeys(KeySealer sealer, Pool pool) {
    this.sealer = sealer;
    this.pool = pool;
  }

  /** Seals a key for an integration. */
  public String seal(String integrationId, String hyrosApiKey) {
    return sealer.seal(hyrosApiKey, context(integrationId));
  }

  /**
   * The usable key of a row, or empty when it cannot be opened (the reason is logged, never the
   * value).
   */
  Optional<String> open(IntegrationEntity row) {
    if (row.hyrosKeySealed != null) {
      try {
        return Optional.of(sealer.open(row.hyrosKeySealed, context(row.id)));
      } catch (KeySealer.SealedValueException e) {
        LOGGER.errorf(
            "integration %s: its Hyros key cannot be used (%s); replace the key",
            LogSafe.of(row.id), LogSafe.of(e.getMessage(), LogSafe.TEXT));
        return Optional.empty();
      }
    }
    return Optional.ofNullable(row.hyrosApiKey);
  }

  void onStart(@Observes StartupEvent start) {
    // Touching the sealer here makes a missing master key fail start-up, not the first event.
    LOGGER.infof("Hyros keys are sealed with master key '%s'", LogSafe.of(sealer.activeKeyId()));
    reseal()
        .subscribe()
        .with(
            count -> {
              if (count > 0) {
                LOGGER.infof(
                    "sealed %d Hyros keys with master key '%s'",
                    count, LogSafe.of(sealer.activeKeyId()));
              }
            },
            error -> LOGGER.errorf(error, "Hyros keys not re-sealed; they stay readable"));
  }

  /** Seals clear keys and re-seals keys of other master keys; returns how many rows changed. */
  Uni<Integer> reseal() {
    return pool.query(
            "SELECT id, hyros_api_key, hyros_key_sealed FROM integrations"
                + " WHERE status <> 'RETIRED' AND (hyros_key_sealed IS NULL"
                + " OR hyros_key_sealed NOT LIKE 'v1."
                + sealer.activeKeyId()
                + ".%')")
        .execute()
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(this::resealRow)
        .collect()
        .asList()
        .map(List::size);
  }

  private Uni<Boolean> resealRow(Row row) {
    String id = row.getString("id");
    String clear = row.getString("hyros_api_key");
    String sealed = row.getString("hyros_key_sealed");
    String key;
    try {
      key = sealed != null ? sealer.open(sealed, context(id)) : clear;
    } catch (KeySealer.SealedValueException e) {
      LOGGER.errorf("integration %s: %s", LogSafe.of(id), LogSafe.of(e.getMessage(), LogSafe.TEXT));
      return Uni.createFrom().item(false);
    }
    List<Object> args = new ArrayList<>();
    args.add(id);
    args.add(seal(id, key));
    return pool.preparedQuery(
            "UPDATE integrations SET hyros_key_sealed = $2, hyros_api_key = NULL WHERE id = $1")
        .execute(Tuple.from(args))
        .replaceWith(true);
  }

  private static String context(String integrationId) {
    return "integration:" + integrationId;
  }
}
