package org.phigate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.ArchiverConfig;
import org.phigate.schema.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit-archiver role: reads the audit topic (read_committed), cuts segments per partition by count or age,
 * writes each to write-once storage, and commits offsets only after the segment is durable.
 */
public final class AuditArchiver implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditArchiver.class);
  private final ArchiverConfig config;
  private final TopicSerdes serdes;
  private final SegmentStore store;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong archived = new AtomicLong();
  private final Map<TopicPartition, List<ConsumerRecord<String, AuditEvent>>> pending = new HashMap<>();
  private final Map<TopicPartition, Long> firstSeenAt = new HashMap<>();
  private volatile KafkaConsumer<String, AuditEvent> consumer;

  public AuditArchiver(ArchiverConfig config, TopicSerdes serdes) {
    this.config = config;
    this.serdes = serdes;
    this.store = new SegmentStore(Path.of(config.dir()));
  }

  /** Audit records sealed into segments so far by this instance. */
  public long archivedRecords() {
    return archived.get();
  }

  public Path directory() {
    return store.directory();
  }

  @Override
  public void run() {
    Properties props = new Properties();
    config.common().kafkaClientOverrides().forEach(props::put);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.common().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, AuditEvent> c = new KafkaConsumer<>(props, new StringDeserializer(),
        serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer())) {
      consumer = c;
      c.subscribe(List.of(Topics.AUDIT_EVENTS.name()));
      while (running.get()) {
        for (ConsumerRecord<String, AuditEvent> record : c.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          pending.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
          firstSeenAt.putIfAbsent(tp, System.currentTimeMillis());
        }
        cutDue(c, false);
      }
      cutDue(c, true);
    } catch (WakeupException e) {
      // close() interrupts a blocking poll; what was read but not sealed is re-read on restart
    } catch (RuntimeException e) {
      LOG.error("audit archiver stopped ({}); offsets of unsealed records were not committed, restart to resume",
          e.getClass().getSimpleName());
    }
  }

  private void cutDue(KafkaConsumer<String, AuditEvent> c, boolean flushAll) {
    long now = System.currentTimeMillis();
    for (TopicPartition tp : List.copyOf(pending.keySet())) {
      List<ConsumerRecord<String, AuditEvent>> records = pending.get(tp);
      boolean full = records.size() >= config.segmentRecords();
      boolean old = now - firstSeenAt.get(tp) >= config.segmentMaxAgeMs();
      if (!records.isEmpty() && (flushAll || full || old)) {
        try {
          store.write(tp, records);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        long next = records.get(records.size() - 1).offset() + 1;
        c.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
        archived.addAndGet(records.size());
        pending.remove(tp);
        firstSeenAt.remove(tp);
      }
    }
  }

  /** Stops after sealing what has been read. */
  public void stop() {
    running.set(false);
  }

  @Override
  public void close() {
    stop();
  }

}
