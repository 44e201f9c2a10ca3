package org.phigate.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.phigate.registry.SchemaRegistryClient;

/** Serdes for catalog topics: String keys, raw bytes for the intake topic, Confluent-wire Avro for the rest. */
public final class TopicSerdes {
  static {
    AvroTrust.install();
  }

  private final SchemaRegistryClient registry;
  private final Map<Class<?>, Serde<?>> valueSerdes = new ConcurrentHashMap<>();

  public TopicSerdes(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  @SuppressWarnings("unchecked")
  public <K> Serde<K> keySerde(Topic<K, ?> topic) {
    if (topic.keyType() != String.class) {
      throw new IllegalArgumentException("catalog keys are strings; " + topic.name() + " says " + topic.keyType());
    }
    return (Serde<K>) Serdes.String();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public <V> Serde<V> valueSerde(Topic<?, V> topic) {
    return (Serde<V>) valueSerdes.computeIfAbsent(topic.valueType(), type -> {
      if (type == byte[].class) {
        return Serdes.ByteArray();
      }
      if (!SpecificRecord.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException("no serde for " + type);
      }
      return avroSerde((Class) type);
    });
  }

  public <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String processorName) {
    return Consumed.with(keySerde(topic), valueSerde(topic)).withName(processorName);
  }

  public <K, V> Produced<K, V> produced(Topic<K, V> topic, String processorName) {
    return Produced.with(keySerde(topic), valueSerde(topic)).withName(processorName);
  }

  private <T extends SpecificRecord> Serde<T> avroSerde(Class<T> type) {
    AvroWireFormat<T> format = new AvroWireFormat<>(type, registry);
    return Serdes.serdeFrom(format::serialize, (topic, data) -> format.deserialize(data));
  }
}
