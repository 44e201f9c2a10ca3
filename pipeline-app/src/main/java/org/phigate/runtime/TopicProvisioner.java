package org.phigate.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.phigate.catalog.Topic;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;

/** Creates the catalog topics that are missing, with the catalog's retention, cleanup policy and record limit. */
public final class TopicProvisioner {
  private TopicProvisioner() {}

  /** Returns the names of the topics it created. */
  public static List<String> ensureTopics(CommonConfig config) {
    Properties props = new Properties();
    config.kafkaClientOverrides().forEach(props::put);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : Topics.ALL) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), config.topicPartitions(), (short) config.topicReplicationFactor())
              .configs(topic.topicConfigs(config.maxMessageBytes())));
        }
      }
      admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + config.bootstrapServers() + " ("
          + e.getClass().getSimpleName() + "); check kafka.bootstrap.servers and that this principal may create "
          + "topics, or create them from deploy/topics.yaml", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
