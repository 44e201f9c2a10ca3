package org.phigate.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads one topic (read_committed, from the end at start) on a background thread and keeps every value with the
 * wall-clock time it arrived, by a key of the caller's choosing.
 */
public final class TopicCollector<V> implements AutoCloseable {
  /** A value and when it arrived (System.nanoTime). */
  public record Arrival<V>(V value, long nanos) {}

  private final KafkaConsumer<String, V> consumer;
  private final Thread thread;
  private final Map<String, List<Arrival<V>>> byKey = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public TopicCollector(String bootstrap, String topic, Serde<V> serde, Function<V, String> key) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(() -> {
      try {
        while (running) {
          for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(100))) {
            long now = System.nanoTime();
            if (r.value() != null) {
              byKey.computeIfAbsent(key.apply(r.value()), k -> new CopyOnWriteArrayList<>())
                  .add(new Arrival<>(r.value(), now));
            }
          }
        }
      } catch (WakeupException e) {
        // closing
      } finally {
        consumer.close();
      }
    }, "it-collector-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /** Everything received so far, by key. */
  public Map<String, List<Arrival<V>>> byKey() {
    return Map.copyOf(byKey);
  }

  public List<Arrival<V>> get(String key) {
    return byKey.getOrDefault(key, List.of());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
