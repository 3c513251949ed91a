package io.convgate.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code convgate.replay.*}: replaying dead letters. */
@ConfigMapping(prefix = "convgate.replay")
public interface ReplayConfig {

  /** The most dead letters one job replays; narrow the filter for more. */
  @WithDefault("100000")
  int maxPerJob();

  /** Dead letters republished per step (one ledger statement, one batch of broker acks). */
  @WithDefault("100")
  int chunk();

  /** How often a running job checks the ledger for what became of what it sent. */
  @WithDefault("1s")
  Duration followEvery();

  /** How long a job follows what it sent before it ends with the rest unconfirmed. */
  @WithDefault("30m")
  Duration followFor();

  /** A job whose instance stopped updating it for this long is marked INTERRUPTED. */
  @WithDefault("2m")
  Duration staleAfter();
}
