package org.phigate.security.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Data keys on a compacted Kafka topic (key = data key id, value = {@link StoredKey#encode}). Every process reads
 * the whole topic into memory on a background thread (wrapped keys only, about 100 bytes each) and writes new keys
 * synchronously (acks=all) before anything is sealed with them, so a record never names a key the topic lacks. A
 * destroyed key gets a marker {@code destroyed:<id>} (time and request id, no key material) and a tombstone, which
 * compaction turns into the removal of the wrapped key from the log.
 */
public final class KafkaDataKeyStore implements DataKeyStore {
  /** Key prefix of destroyed markers. */
  public static final String DESTROYED = "destroyed:";
  private final String topic;
  private final Duration timeout;
  private final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
  private final Set<String> destroyed = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * @param clientProps Kafka client settings (bootstrap servers, security); serializers and group are set here
   */
  public KafkaDataKeyStore(String topic, Map<String, Object> clientProps, Duration timeout, Clock clock) {
    this.topic = topic;
    this.timeout = timeout;
    this.clock = clock;
    Map<String, Object> p = new HashMap<>(clientProps);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "phigate-keys-writer");
    p.keySet().removeIf(k -> k.startsWith("transactional") || k.equals(ConsumerConfig.GROUP_ID_CONFIG));
    this.producer = new KafkaProducer<>(p);
    Map<String, Object> c = new HashMap<>(clientProps);
    c.keySet().removeIf(k -> k.startsWith("transactional") || k.equals(ConsumerConfig.GROUP_ID_CONFIG)
        || k.equals(ProducerConfig.ACKS_CONFIG) || k.startsWith("enable.idempotence"));
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "phigate-keys-reader");
    this.consumer = new KafkaConsumer<>(c);
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      consumer.close();
      producer.close();
      throw new KeyException("key topic " + topic + " does not exist (phigate topics create)");
    }
    List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    this.reader = new Thread(this::readLoop, "phigate-keys-reader");
    reader.setDaemon(true);
    reader.start();
    sync();
  }

  @Override
  public Optional<StoredKey> find(String id) {
    if (destroyed.contains(id)) {
      throw new DataKeyDestroyedException(id);
    }
    StoredKey key = keys.get(id);
    if (key != null) {
      return Optional.of(key);
    }
    sync();
    if (destroyed.contains(id)) {
      throw new DataKeyDestroyedException(id);
    }
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public boolean isDestroyed(String id) {
    return destroyed.contains(id);
  }

  @Override
  public void put(StoredKey key) {
    if (destroyed.contains(key.id())) {
      throw new DataKeyDestroyedException(key.id());
    }
    send(key.id(), key.encode());
    keys.put(key.id(), key);
  }

  @Override
  public void destroy(String id, String requestId) {
    send(DESTROYED + id, StoredKey.destroyedMarker(clock.instant(), requestId));
    destroyed.add(id);
    send(id, null);
    keys.remove(id);
  }

  @Override
  public List<StoredKey> list() {
    sync();
    return List.copyOf(keys.values());
  }

  @Override
  public List<String> destroyed() {
    sync();
    return List.copyOf(destroyed);
  }

  /** Waits until this store has read everything on the topic when called. */
  public void sync() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    syncRequests.add(done);
    consumer.wakeup();
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new KeyException("key topic " + topic + " not read up to its end within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyException("interrupted while reading key topic " + topic, e);
    } catch (ExecutionException e) {
      throw new KeyException("key topic " + topic + " cannot be read (" + e.getCause().getClass().getSimpleName()
          + ")", e.getCause());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(timeout);
  }

  private void send(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyException("interrupted while writing key topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new KeyException("could not write to key topic " + topic + " (" + cause.getClass().getSimpleName() + ")",
          cause);
    }
  }

  private void readLoop() {
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    Map<TopicPartition, Long> target = null;
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            apply(record);
          }
        } catch (WakeupException e) {
          // a sync request or close
        }
        CompletableFuture<Void> request;
        while ((request = syncRequests.poll()) != null) {
          waiting.add(request);
          target = null;
        }
        if (!waiting.isEmpty()) {
          if (target == null) {
            target = consumer.endOffsets(consumer.assignment(), timeout);
          }
          if (caughtUp(target)) {
            waiting.forEach(f -> f.complete(null));
            waiting.clear();
            target = null;
          }
        }
      }
    } catch (RuntimeException e) {
      failure = e;
      waiting.forEach(f -> f.completeExceptionally(e));
      syncRequests.forEach(f -> f.completeExceptionally(e));
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey(), timeout) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    if (key == null) {
      return;
    }
    if (key.startsWith(DESTROYED)) {
      if (record.value() != null) {
        String id = key.substring(DESTROYED.length());
        destroyed.add(id);
        keys.remove(id);
      }
      return;
    }
    if (record.value() == null) {
      keys.remove(key);
    } else if (!destroyed.contains(key)) {
      keys.put(key, StoredKey.decode(key, record.value()));
    }
  }

  /** Why the reader stopped, if it did (null while it runs). */
  public Throwable failure() {
    return failure;
  }

}
