package org.phigate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every committed record of a topic, from the beginning to the end offsets seen at the start. */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;

  public TopicReader(String bootstrapServers) {
    this(plaintext(bootstrapServers));
  }

  /** A reader connecting with these client properties (bootstrap and, on a secure cluster, TLS and SASL). */
  public TopicReader(Properties client) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
        org.phigate.config.CommonConfig.defaultMaxMessageBytes());
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Client properties for a cluster without transport security. */
  static Properties plaintext(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /** Hands each record of topic to sink, in partition order; returns how many there were. */
  public int readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    int count = 0;
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        sink.accept(record);
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
