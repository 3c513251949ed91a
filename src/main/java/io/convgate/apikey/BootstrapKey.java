package io.convgate.apikey;

import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Makes the configured {@code convgate.api.bootstrap-key} the first admin key, once, while no key
 * exists. The key itself never reaches a log: only its id does.
 */
@Singleton
public class BootstrapKey {

  private static final Logger LOGGER = Logger.getLogger(BootstrapKey.class);

  private final ApiConfig config;
  private final ApiKeyStore keys;

  public BootstrapKey(ApiConfig config, ApiKeyStore keys) {
    this.config = config;
    this.keys = keys;
  }

  void onStart(@Observes StartupEvent start) {
    if (config.bootstrapKey().isEmpty()) {
      return;
    }
    KeyFormat.Parsed key =
        KeyFormat.parse(config.bootstrapKey().get().trim())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "convgate.api.bootstrap-key is not a convgate key (cgw_<10>_<40>); make"
                            + " one with 'convgate keys generate'"));
    // Start-up runs on the main thread, not an event loop; Flyway has already needed the
    // database by now, so waiting for it here adds no new way to fail.
    boolean inserted = keys.insertIfNone(key).await().atMost(Duration.ofSeconds(30));
    if (inserted) {
      LOGGER.infof(
          "bootstrap admin key %s%s stored; create named keys with it, then revoke it",
          KeyFormat.PREFIX, LogSafe.of(key.id()));
    } else {
      LOGGER.infof(
          "convgate.api.bootstrap-key is ignored: API keys exist already; remove the setting");
    }
  }
}
