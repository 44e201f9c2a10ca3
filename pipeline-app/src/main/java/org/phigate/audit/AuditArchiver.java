package org.phigate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.ArchiveStores;
import org.phigate.audit.archive.ArchiveWriter;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.ArchiverConfig;
import org.phigate.schema.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit-archiver role: reads the audit topic (read_committed), cuts segments per partition by count or age,
 * appends each to the Merkle-tree archive with a signed checkpoint, and only then commits the offsets. The archive,
 * not the consumer group, is the source of truth for where to resume: each partition is sought to the position
 * sealed in the last checkpoint, so a crash anywhere between segment write and commit neither loses nor
 * duplicates a record.
 */
public final class AuditArchiver implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditArchiver.class);
  private static final long PARTITION_REFRESH_MS = 30_000;
  private final ArchiverConfig config;
  private final TopicSerdes serdes;
  private final ArchiveWriter writer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong archived = new AtomicLong();
  private final Map<TopicPartition, List<ConsumerRecord<String, AuditEvent>>> pending = new HashMap<>();
  private final Map<TopicPartition, Long> firstSeenAt = new HashMap<>();
  private volatile Exception failure;

  /** Opens the archive (resuming its tree and sealing a segment left unsealed by a crash). */
  public AuditArchiver(ArchiverConfig config, TopicSerdes serdes) {
    this.config = config;
    this.serdes = serdes;
    try {
      ArchiveStore store = ArchiveStores.forWriting(config);
      this.writer = ArchiveWriter.open(store, SigningKeys.readPair(Path.of(config.signingKeyFile())),
          config.origin());
    } catch (IOException e) {
      throw new UncheckedIOException("audit archive " + config.uri() + ": " + e.getMessage(), e);
    }
  }

  /** Audit records sealed into segments by this instance. */
  public long archivedRecords() {
    return archived.get();
  }

  /** Leaves in the archive's Merkle tree (all records ever archived). */
  public long treeSize() {
    return writer.treeSize();
  }

  public String location() {
    return writer.store().location();
  }

  /** Why the archiver stopped, if it stopped on an error. */
  public Exception failure() {
    return failure;
  }

  @Override
  public void run() {
    Properties props = new Properties();
    config.common().kafkaClientOverrides(config.role()).forEach(props::put);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.common().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, AuditEvent> c = new KafkaConsumer<>(props, new StringDeserializer(),
        serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer())) {
      long nextPartitionCheck = 0;
      while (running.get()) {
        if (System.currentTimeMillis() >= nextPartitionCheck) {
          assignAll(c);
          nextPartitionCheck = System.currentTimeMillis() + PARTITION_REFRESH_MS;
        }
        accept(c.poll(Duration.ofMillis(200)));
        cutDue(c, false);
      }
      drain(c);
      cutDue(c, true);
    } catch (WakeupException e) {
      // stop() during a poll: what was read but not sealed is re-read on restart
    } catch (IOException | RuntimeException e) {
      failure = e;
      // class names only (the log layout prints those of e): storage and client messages are not ours to log
      LOG.error("audit archiver stopped ({}); unsealed records were not committed, restart to resume",
          e.getClass().getSimpleName(), e);
    }
  }

  private void accept(Iterable<ConsumerRecord<String, AuditEvent>> records) {
    for (ConsumerRecord<String, AuditEvent> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      Long sealed = writer.positions().get(key(tp));
      if (sealed != null && record.offset() < sealed) {
        continue; // already in the archive
      }
      pending.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
      firstSeenAt.putIfAbsent(tp, System.currentTimeMillis());
    }
  }

  /**
   * On a graceful stop the stages have stopped writing (the runtime closes them first), so the audit topic's committed
   * end is final: read up to it, bounded by archiver.drain.timeout.ms, so the last segment holds the last decisions
   * and write-backs rather than leaving them to the next start.
   */
  private void drain(KafkaConsumer<String, AuditEvent> c) {
    if (config.drainTimeoutMs() == 0) {
      return;
    }
    long deadline = System.currentTimeMillis() + config.drainTimeoutMs();
    assignAll(c); // a stop before the first poll still archives what is there
    Map<TopicPartition, Long> end = c.endOffsets(c.assignment(), Duration.ofMillis(config.drainTimeoutMs()));
    while (behind(c, end) > 0 && System.currentTimeMillis() < deadline) {
      accept(c.poll(Duration.ofMillis(200)));
    }
    long left = behind(c, end);
    if (left > 0) {
      LOG.warn("stopping {} offsets short of the audit topic's end after {} ms; they are archived on the next start",
          left, config.drainTimeoutMs());
    }
  }

  private static long behind(KafkaConsumer<String, AuditEvent> c, Map<TopicPartition, Long> end) {
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      behind += Math.max(0, e.getValue() - c.position(e.getKey()));
    }
    return behind;
  }

  private void cutDue(KafkaConsumer<String, AuditEvent> c, boolean flushAll) throws IOException {
    long now = System.currentTimeMillis();
    for (TopicPartition tp : List.copyOf(pending.keySet())) {
      List<ConsumerRecord<String, AuditEvent>> records = pending.get(tp);
      boolean old = now - firstSeenAt.get(tp) >= config.segmentMaxAgeMs();
      // a flush seals everything read, one segment of at most archiver.segment.records after another
      while (!records.isEmpty() && (flushAll || old || records.size() >= config.segmentRecords())) {
        List<ConsumerRecord<String, AuditEvent>> batch = records.subList(0, Math.min(records.size(),
            config.segmentRecords()));
        long last = batch.get(batch.size() - 1).offset();
        writer.append(tp.topic(), tp.partition(), batch.get(0).offset(), last,
            batch.stream().map(ConsumerRecord::value).toList());
        archived.addAndGet(batch.size());
        batch.clear();
        if (records.isEmpty()) {
          pending.remove(tp);
          firstSeenAt.remove(tp);
        }
        try {
          c.commitSync(Map.of(tp, new OffsetAndMetadata(last + 1)));
        } catch (KafkaException e) {
          // the archive already holds the position; a lost commit only delays the group's lag metric
          LOG.warn("offset commit for {} failed after sealing ({}); the archive position is authoritative", tp,
              e.getClass().getSimpleName());
        }
      }
    }
  }

  private static String key(TopicPartition tp) {
    return tp.topic() + "/" + tp.partition();
  }

  /**
   * Assigns every partition of the audit topic (new ones as they appear). The archiver is the log's single writer,
   * so it assigns rather than subscribes: a restart after kill -9 resumes at once instead of waiting for the dead
   * member's session to expire. Each partition starts at the position sealed in the archive, else at the group's
   * committed offset, else at the beginning.
   */
  private void assignAll(KafkaConsumer<String, AuditEvent> c) {
    List<TopicPartition> all = c.partitionsFor(Topics.AUDIT_EVENTS.name(), Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (c.assignment().containsAll(all)) {
      return;
    }
    List<TopicPartition> added = all.stream().filter(tp -> !c.assignment().contains(tp)).toList();
    c.assign(all);
    for (TopicPartition tp : added) {
      Long position = writer.positions().get(key(tp));
      if (position != null) {
        c.seek(tp, position);
      }
    }
    LOG.info("archiving {} partitions of {} from the archive's positions {}", all.size(), Topics.AUDIT_EVENTS.name(),
        writer.positions());
  }

  /** Stops after reading to the audit topic's end (bounded by archiver.drain.timeout.ms) and sealing it. */
  public void stop() {
    running.set(false);
  }

  @Override
  public void close() {
    stop();
  }
}
