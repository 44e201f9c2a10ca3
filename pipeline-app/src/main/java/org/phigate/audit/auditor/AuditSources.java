package org.phigate.audit.auditor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.SegmentFile;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.schema.AuditEvent;

/** Where an auditor reads audit records from: the archive (in tree order) or the live audit topic. */
public final class AuditSources {
  private AuditSources() {}

  /** Every archived record in tree order (unverified: run `audit verify` for integrity). */
  public static List<AuditEvent> fromArchive(ArchiveStore store) throws IOException {
    List<AuditEvent> out = new ArrayList<>();
    for (String name : store.list(ArchiveLayout.SEGMENTS)) {
      if (ArchiveLayout.seq(name).isPresent()) {
        out.addAll(SegmentFile.read(name, store.read(name)).records());
      }
    }
    return out;
  }

  /** Every committed record now on phigate.audit.events (records not yet archived included). */
  public static List<AuditEvent> fromTopic(CommonConfig common, TopicSerdes serdes) {
    Properties props = new Properties();
    common.kafkaClientOverrides().forEach(props::put);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<AuditEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, AuditEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_EVENTS.name(), Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + Topics.AUDIT_EVENTS.name() + " did not reach its end within "
              + "2 minutes; check kafka.bootstrap.servers");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
