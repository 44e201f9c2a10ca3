package org.phigate.streams;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.phigate.config.CommonConfig;
import org.phigate.config.RoleConfig;

/** Kafka Streams properties for a role: exactly-once v2, explicit naming enforced, PHI-safe error handlers. */
public final class StreamsProperties {
  /**
   * Where the exception handlers find the role's {@link DeadLetters}: an object handed to them through the Streams
   * config (Kafka instantiates handlers by class name), not a PHIGate setting.
   */
  public static final String DEAD_LETTERS = "phigate.streams.dead.letters";

  private StreamsProperties() {}

  /** The role's properties; failed records go to {@code deadLetters} (processing and production handlers). */
  public static Properties forRole(RoleConfig role, DeadLetters deadLetters) {
    CommonConfig common = role.common();
    Properties props = new Properties();
    common.kafkaClientOverrides(role.role()).forEach(props::put);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, role.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(common.stateDir(), role.role()).toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, role.streamThreads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, common.replicationFactor());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, common.commitIntervalMs());
    // batching of the transactions' records (StreamsTransactions): prefixed, so they win over a kafka.* passthrough
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), common.streamsProducerLingerMs());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), common.streamsProducerBatchBytes());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
        common.streamsProducerCompression());
    // main, restore and global consumers alike
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        common.streamsConsumerFetchMaxWaitMs());
    props.put(StreamsConfig.CLIENT_ID_CONFIG, common.instanceId() + "-" + role.role());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PhiSafeDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, PhiSafeProcessingHandler.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PhiSafeProductionHandler.class.getName());
    props.put(DEAD_LETTERS, deadLetters);
    // global-table processing (the write-back vault) gets the same exception handling as stream tasks
    props.put("processing.exception.handler.global.enabled", true);
    // multi-megabyte FHIR bundles: every record a role writes or reads may be as large as the message topics allow,
    // and so may records of its changelog and repartition topics (topic.* configs apply to those)
    int maxMessageBytes = common.maxMessageBytes();
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxMessageBytes);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), maxMessageBytes);
    props.put(StreamsConfig.topicPrefix("max.message.bytes"), Integer.toString(maxMessageBytes));
    // a 3.2 MB bundle takes about 1 s in deid on 2 loaded cores; Streams' EOS default of 10 s would abort the
    // transaction (and replay the same records forever) as soon as a few such bundles share one; 60 s gives headroom
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
    return props;
  }

  /** The dead-letter policy the handlers were configured with; fails when a role was started without one. */
  static DeadLetters deadLetters(Map<String, ?> configs) {
    if (configs.get(DEAD_LETTERS) instanceof DeadLetters deadLetters) {
      return deadLetters;
    }
    throw new ConfigException(DEAD_LETTERS + " must hold the role's DeadLetters (StreamsProperties.forRole)");
  }
}
