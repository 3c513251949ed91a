package io.convgate.membership;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code convgate.membership.*}: how this instance's consumers belong to their groups. */
@ConfigMapping(prefix = "convgate.membership")
public interface MembershipConfig {

  /**
   * A name for this instance that outlives a restart and that no other live instance uses, such as
   * its pod name. Set, each consumer is a static member of its group ({@code group.instance.id}),
   * and a restarted instance takes its partitions back at once instead of waiting for its old
   * session to expire (decision 0036). Unset (the default), members are dynamic.
   */
  Optional<String> instanceId();
}
