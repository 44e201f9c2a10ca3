package org.phigate.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.phigate.catalog.Topic;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog topics that are missing, with the catalog's retention, cleanup policy and record limit. */
public final class TopicProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final String MAX_MESSAGE_BYTES = "max.message.bytes";

  private TopicProvisioner() {}

  /**
   * Raises {@code max.message.bytes} of existing catalog topics created with a smaller limit (before
   * {@code topics.max.message.bytes} existed or was raised); never lowers it.
   */
  private static void raiseRecordLimits(Admin admin, Set<String> existing, int messageBytes)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<ConfigResource, Topic<?, ?>> resources = new LinkedHashMap<>();
    Topics.ALL.stream().filter(t -> existing.contains(t.name()))
        .forEach(t -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t));
    if (resources.isEmpty()) {
      return;
    }
    Map<ConfigResource, Config> current = admin.describeConfigs(resources.keySet()).all().get(30, TimeUnit.SECONDS);
    Map<ConfigResource, Collection<AlterConfigOp>> raises = new LinkedHashMap<>();
    resources.forEach((resource, topic) -> {
      ConfigEntry entry = current.get(resource).get(MAX_MESSAGE_BYTES);
      int wanted = topic.maxMessageBytes(messageBytes);
      if (entry == null || entry.value() == null || Long.parseLong(entry.value()) < wanted) {
        raises.put(resource, List.of(new AlterConfigOp(new ConfigEntry(MAX_MESSAGE_BYTES, Integer.toString(wanted)),
            AlterConfigOp.OpType.SET)));
        LOG.info("raising {} of {} to {}", MAX_MESSAGE_BYTES, topic.name(), wanted);
      }
    });
    if (!raises.isEmpty()) {
      admin.incrementalAlterConfigs(raises).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Returns the names of the topics it created; raises the record limit of existing ones where it is lower. */
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
      raiseRecordLimits(admin, existing, config.maxMessageBytes());
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + config.bootstrapServers() + " ("
          + e.getClass().getSimpleName() + "); check kafka.bootstrap.servers and that this principal may create "
          + "topics (and alter the configs of catalog topics whose max.message.bytes is too small), or create them "
          + "from deploy/topics.tsv", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
