package org.phigate.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ReviewItem;

/**
 * Tails every catalog topic (read_committed) and keeps counts the demo needs for progress and its summary: records
 * per topic, audit events per step, PHI findings per category, AI labels, pending reviews, EHR write statuses.
 */
public final class PipelineObserver implements Runnable, AutoCloseable {
  private final Properties props = new Properties();
  private final TopicSerdes serdes;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Long> perTopic = new TreeMap<>();
  private final Map<String, Long> auditSteps = new TreeMap<>();
  private final Map<String, Long> phiCategories = new TreeMap<>();
  private final Map<String, Long> labels = new TreeMap<>();
  private final Map<String, Long> ehrStatuses = new TreeMap<>();
  private final List<ReviewItem> pending = new ArrayList<>();
  private final Thread thread;
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private volatile Map<TopicPartition, Long> startOffsets;

  public PipelineObserver(String bootstrapServers, TopicSerdes serdes) {
    this(TopicReader.plaintext(bootstrapServers), serdes);
  }

  /** An observer connecting with these client properties (bootstrap and, on a secure cluster, TLS and SASL). */
  public PipelineObserver(Properties client, TopicSerdes serdes) {
    this.serdes = serdes;
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    this.thread = new Thread(this, "phigate-demo-observer");
    thread.setDaemon(true);
  }

  /** Observes every catalog topic from its beginning (a demo's own broker). */
  public PipelineObserver start() {
    thread.start();
    return this;
  }

  /**
   * Observes only what is committed from now on: each partition's current end (read_committed, so the last stable
   * offset) is looked up before this returns. For a broker that earlier tests or runs have written to, whose records
   * would otherwise be counted too.
   */
  public PipelineObserver startFromNow() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      startOffsets = Map.copyOf(consumer.endOffsets(partitions(consumer)));
    }
    return start();
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(),
          p.partition())));
    }
    return partitions;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      Map<TopicPartition, Long> from = startOffsets;
      if (from == null) {
        consumer.seekToBeginning(partitions);
      } else {
        partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
      }
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          observe(record);
        }
        Map<TopicPartition, Long> read = new HashMap<>();
        partitions.forEach(p -> read.put(p, consumer.position(p)));
        readUpTo(read);
      }
    }
  }

  private synchronized void readUpTo(Map<TopicPartition, Long> read) {
    positions.putAll(read);
    notifyAll();
  }

  /**
   * Waits until every record committed before this call has been observed: each partition read up to its end as of
   * now (read_committed: the last stable offset), up to {@code timeout}; true when caught up. Counts of two topics
   * that one transaction wrote (an audit step and its records) then agree; before, one may lag the other.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      ends = consumer.endOffsets(partitions(consumer));
    }
    return await(() -> ends.entrySet().stream()
        .allMatch(end -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue()), timeout);
  }

  // package-private for tests: the consumer thread is the only other caller
  synchronized void observe(ConsumerRecord<byte[], byte[]> record) {
    notifyAll();
    perTopic.merge(record.topic(), 1L, Long::sum);
    switch (record.topic()) {
      case "phigate.audit.events" -> {
        AuditEvent event = decode(Topics.AUDIT_EVENTS, record);
        auditSteps.merge(event.getSubtype(), 1L, Long::sum);
      }
      case "phigate.phi.detected" -> decode(Topics.PHI_DETECTED, record).getFindings()
          .forEach(f -> phiCategories.merge(f.getCategory().name(), 1L, Long::sum));
      case "phigate.ai.results" -> labels.merge(decode(Topics.AI_RESULTS, record).getLabel(), 1L, Long::sum);
      case "phigate.review.pending" -> pending.add(decode(Topics.REVIEW_PENDING, record));
      case "phigate.ehr.outcomes", "phigate.ehr.dlq" -> ehrStatuses.merge(
          decode(Topics.EHR_OUTCOMES, record).getStatus().name(), 1L, Long::sum);
      default -> { }
    }
  }

  private <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
    return serdes.valueSerde(topic).deserializer().deserialize(record.topic(), record.value());
  }

  /**
   * Waits until {@code done} holds, checking it again after every record observed, up to {@code timeout}; true when
   * it holds. Checked and awaited under the observer's lock, so no record is missed in between.
   */
  public synchronized boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left;
    while (!done.getAsBoolean()) {
      if ((left = deadline - System.nanoTime()) <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  public synchronized long count(Topic<?, ?> topic) {
    return perTopic.getOrDefault(topic.name(), 0L);
  }

  public synchronized long auditCount(String step) {
    return auditSteps.getOrDefault(step, 0L);
  }

  public synchronized Map<String, Long> auditSteps() {
    return new TreeMap<>(auditSteps);
  }

  public synchronized Map<String, Long> phiCategories() {
    return new TreeMap<>(phiCategories);
  }

  public synchronized Map<String, Long> labels() {
    return new TreeMap<>(labels);
  }

  public synchronized Map<String, Long> ehrStatuses() {
    return new HashMap<>(ehrStatuses);
  }

  /** Pending review items seen so far (held results awaiting a decision). */
  public synchronized List<ReviewItem> pendingItems() {
    return List.copyOf(pending);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
