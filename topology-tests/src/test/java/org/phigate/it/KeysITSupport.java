package org.phigate.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.schema.AuditEvent;

/** Topic reads of the keys IT: end offsets and the audit events. */
final class KeysITSupport {
  private KeysITSupport() {}

  static long end(EmbeddedKafkaBroker kafka, String topic) {
    try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
      return c.endOffsets(c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
          .toList()).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Every audit event on the topic. */
  static List<AuditEvent> auditEvents(EmbeddedKafkaBroker kafka, TopicSerdes serdes) {
    String topic = Topics.AUDIT_EVENTS.name();
    List<AuditEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
          .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long total = c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
      long seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen < total && System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          seen++;
          out.add(serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer().deserialize(topic, r.value()));
        }
      }
    }
    return out;
  }

  private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
