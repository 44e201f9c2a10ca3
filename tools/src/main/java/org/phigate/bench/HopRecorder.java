package org.phigate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;

/**
 * Tails the topics of one run (read_committed, so a record counts once its transaction commits) and records, per
 * topic, when each record became visible and how long after its timestamp: Kafka Streams gives every output the
 * timestamp of the input it came from, so on every hop that is the time since the message was produced to intake
 * (and since the decision was produced, for write-back). Counts audit events by step when the audit topic is tailed.
 */
final class HopRecorder implements Runnable, AutoCloseable {
  /** One record seen: when (ms since the run's start) and its latency in ms. */
  record Seen(long atMs, long latencyMs) {}

  private final Properties props = new Properties();
  private final List<String> topics;
  private final TopicSerdes serdes;
  private final long startMs;
  private final Map<String, List<Seen>> seen = new HashMap<>();
  private final Map<String, Long> auditSteps = new HashMap<>();
  private final Map<String, Long> failures = new java.util.TreeMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile Consumer<ConsumerRecord<byte[], byte[]>> onRecord = r -> { };
  private KafkaConsumer<byte[], byte[]> consumer;

  HopRecorder(String bootstrap, List<String> topics, TopicSerdes serdes, long startMs) {
    this.topics = topics;
    this.serdes = serdes;
    this.startMs = startMs;
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "phigate-bench-recorder");
    topics.forEach(t -> seen.put(t, new ArrayList<>()));
    thread = new Thread(this, "phigate-bench-recorder");
    thread.setDaemon(true);
  }

  /** Starts at the topics' current ends (positions resolved before this returns, so no later record is missed). */
  HopRecorder start(Consumer<ConsumerRecord<byte[], byte[]>> callback) {
    this.onRecord = callback;
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(
        new TopicPartition(p.topic(), p.partition()))));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> tail = consumer) {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : tail.poll(Duration.ofMillis(50))) {
          long now = System.currentTimeMillis();
          synchronized (this) {
            seen.get(r.topic()).add(new Seen(now - startMs, now - r.timestamp()));
            if (r.topic().equals(Topics.AUDIT_EVENTS.name())) {
              AuditEvent event = serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer().deserialize(r.topic(),
                  r.value());
              auditSteps.merge(event.getSubtype(), 1L, Long::sum);
              if (event.getOutcome() != AuditOutcome.SUCCESS) {
                // outcomeDesc is a reason code (PHI-free by the audit model)
                failures.merge(event.getSubtype() + "/" + event.getOutcomeDesc(), 1L, Long::sum);
              }
            }
          }
          onRecord.accept(r);
        }
        synchronized (this) {
          notifyAll();
        }
      }
    }
  }

  /** Waits up to {@code millis} for {@code done}, woken after every poll that returned records. */
  synchronized boolean await(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    long left;
    while (!done.getAsBoolean() && (left = deadline - System.currentTimeMillis()) > 0) {
      wait(left);
    }
    return done.getAsBoolean();
  }

  synchronized int count(String topic) {
    return seen.get(topic).size();
  }

  synchronized long audit(String step) {
    return auditSteps.getOrDefault(step, 0L);
  }

  /** Audit events that did not succeed, by step and reason code. */
  synchronized Map<String, Long> failures() {
    return Map.copyOf(failures);
  }

  synchronized List<Seen> seen(String topic) {
    return List.copyOf(seen.get(topic));
  }

  /** Time (ms since start) of the last record of {@code topic}. */
  synchronized long lastAt(String topic) {
    List<Seen> s = seen.get(topic);
    return s.isEmpty() ? 0 : s.get(s.size() - 1).atMs();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
