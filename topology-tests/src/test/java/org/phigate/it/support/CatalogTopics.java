package org.phigate.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.demo.TopicReader;

/**
 * Writes and reads the catalog's topics on a plaintext broker in their wire form (the topic's key and value serdes),
 * as another role or an operator would: each send waits for the broker's acknowledgement.
 */
public final class CatalogTopics implements AutoCloseable {
  private final String bootstrap;
  private final TopicSerdes serdes;
  private final KafkaProducer<byte[], byte[]> producer;

  public CatalogTopics(String bootstrap, TopicSerdes serdes) {
    this.bootstrap = bootstrap;
    this.serdes = serdes;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends one record and returns once the broker has it. */
  public <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), serdes.keySerde(topic).serializer().serialize(topic.name(), key),
        serdes.valueSerde(topic).serializer().serialize(topic.name(), value))).get();
  }

  /** Every committed value of the topic, from the beginning to the end offsets seen at the start. */
  public <V> List<V> read(Topic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (TopicReader reader = new TopicReader(bootstrap)) {
      reader.readAll(topic.name(), r -> values.add(serdes.valueSerde(topic).deserializer()
          .deserialize(r.topic(), r.value())));
    }
    return values;
  }

  @Override
  public void close() {
    producer.close();
  }
}
