package io.convgate.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every consumer of an instance with an id gets a static member id of its own, legal for Kafka and
 * the same after a restart; without an id, and for producers, nothing changes.
 */
class StaticMembershipTest {

  @Test
  void eachCopyOfAChannelIsItsOwnStaticMember() {
    StaticMembership membership = new StaticMembership(() -> Optional.of("convgate-7d9f-x2k"));

    Map<String, Object> first = consumer("convgate-delivery", "kafka-consumer-deliveries-in$1");
    Map<String, Object> second = consumer("convgate-delivery", "kafka-consumer-deliveries-in$2");
    membership.customize("deliveries-in$1", null, first);
    membership.customize("deliveries-in$2", null, second);

    assertThat(first)
        .containsEntry("group.instance.id", "convgate-7d9f-x2k.kafka-consumer-deliveries-in-1");
    assertThat(second)
        .containsEntry("group.instance.id", "convgate-7d9f-x2k.kafka-consumer-deliveries-in-2");
    assertThat(String.valueOf(first.get("group.instance.id"))).matches("[a-zA-Z0-9._-]+");
  }

  @Test
  void theSameInstanceGetsTheSameIdsAfterARestart() {
    Map<String, Object> before = consumer("convgate-ingest", "kafka-consumer-events-in");
    Map<String, Object> after = consumer("convgate-ingest", "kafka-consumer-events-in");
    new StaticMembership(() -> Optional.of("convgate-0")).customize("events-in", null, before);
    new StaticMembership(() -> Optional.of("convgate-0")).customize("events-in", null, after);

    assertThat(after.get("group.instance.id")).isEqualTo(before.get("group.instance.id"));
  }

  @Test
  void withoutAnIdMembersStayDynamic() {
    Map<String, Object> config = consumer("convgate-delivery", "kafka-consumer-deliveries-in$1");
    new StaticMembership(Optional::empty).customize("deliveries-in$1", null, config);
    new StaticMembership(() -> Optional.of("  ")).customize("deliveries-in$1", null, config);

    assertThat(config).doesNotContainKey("group.instance.id");
  }

  @Test
  void producersAreLeftAlone() {
    Map<String, Object> producer = new HashMap<>(Map.of("client.id", "kafka-producer-deliveries"));
    new StaticMembership(() -> Optional.of("convgate-0")).customize("deliveries", null, producer);

    assertThat(producer).doesNotContainKey("group.instance.id");
  }

  private static Map<String, Object> consumer(String group, String clientId) {
    return new HashMap<>(Map.of("group.id", group, "client.id", clientId));
  }
}
