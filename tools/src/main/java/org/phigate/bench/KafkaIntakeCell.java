package org.phigate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.streams.ProducerFactory;

/**
 * The Kafka rows of `bench intake`: raw record in -> normalized record committed. A burst produced to
 * phigate.intake.raw, the intake Streams role (exactly-once) normalizing it, a read_committed consumer on
 * phigate.events.normalized timing each record.
 */
final class KafkaIntakeCell implements AutoCloseable {
  private static final Duration CELL_TIMEOUT = Duration.ofMinutes(10);
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> normalized;

  KafkaIntakeCell(String bootstrap) {
    this.producer = ProducerFactory.of(bootstrap).with(ProducerConfig.LINGER_MS_CONFIG, 5)
        .create(new StringSerializer(), new ByteArraySerializer());
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CommonConfig.defaultMaxMessageBytes());
    this.normalized = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** 200 warm-up records, then {@code messages} timed ones. */
  IntakeCell run(IntakePayload p, int messages) {
    drain(p, 0, 200, new Latencies(200));
    Latencies latency = new Latencies(messages);
    long cpu0 = EdgeCpu.processNanos();
    double seconds = drain(p, 1_000_000, messages, latency);
    return new IntakeCell(messages / seconds, latency, 0, 0, (EdgeCpu.processNanos() - cpu0) / 1e6 / messages,
        Double.NaN, java.util.Map.of(), java.util.Map.of());
  }

  /**
   * Produces n raw records (built before the clock starts) and waits until n normalized records are committed,
   * timing each; returns the seconds from the first send to the last normalized record seen.
   */
  private double drain(IntakePayload p, int first, int n, Latencies latency) {
    List<TopicPartition> partitions = normalized.partitionsFor(Topics.EVENTS_NORMALIZED.name()).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    normalized.assign(partitions);
    normalized.seekToEnd(partitions);
    partitions.forEach(normalized::position);
    byte[][] payloads = p.build(first, n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.INTAKE_RAW.name(), "k" + (first + i),
          payloads[i]);
      r.headers().add(Topics.CONTENT_TYPE_HEADER, p.contentType().getBytes(StandardCharsets.UTF_8));
      producer.send(r);
    }
    producer.flush();
    long deadline = System.nanoTime() + CELL_TIMEOUT.toNanos();
    int seen = 0;
    while (seen < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + seen + " of " + n + " raw records became normalized records in "
            + CELL_TIMEOUT.toMinutes() + " min (dead-lettered?)");
      }
      for (ConsumerRecord<byte[], byte[]> r : normalized.poll(Duration.ofMillis(50))) {
        latency.add(Math.max(0, (System.currentTimeMillis() - r.timestamp()) * 1_000_000L));
        seen++;
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  @Override
  public void close() {
    producer.close();
    normalized.close();
  }
}
