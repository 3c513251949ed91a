package io.convgate.topics;

import io.convgate.support.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

/**
 * Creates the declared topics that a cluster lacks. Existing topics are left as they are (changing
 * partitions or configs of a live topic is an operator's decision, not a start-up side effect).
 */
public final class TopicProvisioner {

  private static final Logger LOGGER = Logger.getLogger(TopicProvisioner.class);
  static final String MIN_INSYNC = "min.insync.replicas";

  private final Admin admin;
  private final Duration timeout;

  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * @return the names of the topics it created
   */
  public List<String> createMissing(TopicCatalog catalog) {
    try {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      int brokers =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      List<NewTopic> missing = new ArrayList<>();
      for (TopicDeclaration topic : catalog.topics()) {
        if (!existing.contains(topic.name())) {
          missing.add(fitted(topic, brokers));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOGGER.infof(
            "created topics=%s brokers=%d",
            LogSafe.of(missing.stream().map(NewTopic::name).toList(), LogSafe.TEXT), brokers);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot provision the topics of " + TopicCatalog.FILE + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning topics", e);
    }
  }

  /** The declaration as it can exist on a cluster of {@code brokers} brokers. */
  public static NewTopic fitted(TopicDeclaration topic, int brokers) {
    short replicas = (short) Math.min(topic.replicationFactor(), brokers);
    Map<String, String> config = new HashMap<>(topic.config());
    config.computeIfPresent(
        MIN_INSYNC, (k, v) -> String.valueOf(Math.min(Integer.parseInt(v), replicas)));
    if (replicas < topic.replicationFactor()) {
      LOGGER.warnf(
          "topic=%s declared_replication=%d brokers=%d: created with replication %d",
          LogSafe.of(topic.name()), topic.replicationFactor(), brokers, replicas);
    }
    return new NewTopic(topic.name(), topic.partitions(), replicas).configs(config);
  }
}
