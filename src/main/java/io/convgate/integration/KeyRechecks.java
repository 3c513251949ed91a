package io.convgate.integration;

import io.convgate.destination.KeyCheck;
import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Puts the keys of {@code KEY_UNCHECKED} integrations to Hyros again, every {@code
 * convgate.integrations.key-recheck-interval}: a confirmed key makes its integration ACTIVE (with
 * its account), a refused one AUTH_FAILED. Every instance may do it; a row is changed only while it
 * still holds the key that was checked, so a replacement in between is never overwritten.
 */
@ApplicationScoped
public class KeyRechecks {

  private static final Logger LOGGER = Logger.getLogger(KeyRechecks.class);

  private final Pool pool;
  private final IntegrationKeys keys;
  private final KeyChecks checks;
  private final IntegrationRegistry registry;
  private final Periodic periodic;
  private final IntegrationConfig config;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  public KeyRechecks(
      Pool pool,
      IntegrationKeys keys,
      KeyChecks checks,
      IntegrationRegistry registry,
      Periodic periodic,
      IntegrationConfig config,
      Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.checks = checks;
    this.registry = registry;
    this.periodic = periodic;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent start) {
    periodic.every(config.keyRecheckInterval(), this::tick);
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    recheck()
        .onTermination()
        .invoke(() -> running.set(false))
        .subscribe()
        .with(
            changed -> {},
            failure -> LOGGER.warnf("key re-check failed: %s", LogSafe.of(failure.toString())));
  }

  /** Checks every unchecked key once; returns how many integrations changed status. */
  Uni<Integer> recheck() {
    return pool.query(
            "SELECT id, destination, settings, hyros_api_key, hyros_key_sealed FROM integrations"
                + " WHERE status = 'KEY_UNCHECKED' ORDER BY id")
        .execute()
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(this::recheck)
        .collect()
        .with(java.util.stream.Collectors.summingInt(changed -> changed ? 1 : 0));
  }

  private Uni<Boolean> recheck(Row row) {
    String id = row.getString("id");
    String sealed = row.getString("hyros_key_sealed");
    IntegrationEntity entity = new IntegrationEntity();
    entity.id = id;
    entity.hyrosKeySealed = sealed;
    entity.hyrosApiKey = row.getString("hyros_api_key");
    String key = keys.open(entity).orElse(null);
    if (key == null) {
      return Uni.createFrom().item(false);
    }
    return checks
        .ask(row.getString("destination"), key, IntegrationSettings.read(row.getString("settings")))
        .chain(check -> store(id, sealed, check));
  }

  private Uni<Boolean> store(String id, String sealed, KeyCheck check) {
    String status;
    KeyState state;
    if (check instanceof KeyCheck.Refused refused) {
      status = IntegrationStatus.AUTH_FAILED.name();
      state =
          KeyState.unchecked("the destination refused the key (" + KeyChecks.says(refused) + ")");
    } else {
      state = checks.stateOf(check);
      status =
          state.isConfirmed()
              ? IntegrationStatus.ACTIVE.name()
              : IntegrationStatus.KEY_UNCHECKED.name();
    }
    return pool.preparedQuery(
            "UPDATE integrations SET status = $3::text, account_email = $4::text,"
                + " account_roles = NULL, key_checked_at = $5::timestamptz,"
                + " key_check_problem = $6::text,"
                + " updated_at = CASE WHEN $3::text = status THEN updated_at ELSE $7 END"
                + " WHERE id = $1 AND status = 'KEY_UNCHECKED'"
                + " AND hyros_key_sealed IS NOT DISTINCT FROM $2::text")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    sealed,
                    status,
                    state.email(),
                    state.checkedAt() == null ? null : state.checkedAt().atOffset(ZoneOffset.UTC),
                    state.problem(),
                    clock.instant().atOffset(ZoneOffset.UTC))))
        .map(
            rows -> {
              boolean changed =
                  rows.rowCount() == 1 && !status.equals(IntegrationStatus.KEY_UNCHECKED.name());
              if (changed) {
                registry.forget(id);
                LOGGER.infof(
                    "integration %s: Hyros answered the key check; the integration is %s",
                    LogSafe.of(id), status);
              }
              return changed;
            });
  }
}
