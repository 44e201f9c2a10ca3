package org.phigate.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.phigate.config.CommonConfig;

/**
 * The one way PHIGate builds a Kafka producer outside a Streams application (edges, CLI commands, demo, bench,
 * tests): the site's {@code kafka.*} client settings, then idempotent acks=all and records as large as the message
 * topics allow, which no setting can weaken, then per-use tuning and an optional transactional id.
 */
public final class ProducerFactory {
  private static final Set<String> GUARANTEES = Set.of(ProducerConfig.ACKS_CONFIG,
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
      ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);

  private final Map<String, Object> settings;

  private ProducerFactory(Map<String, Object> settings) {
    this.settings = settings;
  }

  /** Producers for the configured cluster: {@code kafka.*} overrides (SASL, TLS), bootstrap, record limit. */
  public static ProducerFactory of(CommonConfig common) {
    return of(common, new LinkedHashMap<>(common.kafkaClientOverrides()));
  }

  /** Producers of one role: as {@link #of(CommonConfig)}, with the role's own {@code role.<id>.kafka.*} on top. */
  public static ProducerFactory of(CommonConfig common, String roleId) {
    return of(common, new LinkedHashMap<>(common.kafkaClientOverrides(roleId)));
  }

  private static ProducerFactory of(CommonConfig common, Map<String, Object> s) {
    // a site-wide transactional id would make every producer share one transaction and fence the others
    s.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return new ProducerFactory(withGuarantees(s, common.bootstrapServers(), common.maxMessageBytes()));
  }

  /** Producers for a cluster known only by its address (the demo's embedded broker, tests): default limits. */
  public static ProducerFactory of(String bootstrapServers) {
    return new ProducerFactory(withGuarantees(new LinkedHashMap<>(), bootstrapServers,
        CommonConfig.defaultMaxMessageBytes()));
  }

  private static Map<String, Object> withGuarantees(Map<String, Object> s, String bootstrap, int maxMessageBytes) {
    s.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    s.put(ProducerConfig.ACKS_CONFIG, "all");
    s.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    s.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
    return s;
  }

  /** The same settings plus one per-use tuning (client id, linger, timeouts); never acks, idempotence or size. */
  public ProducerFactory with(String key, Object value) {
    if (GUARANTEES.contains(key)) {
      throw new IllegalArgumentException(key + " is set by ProducerFactory itself"
          + (key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG) ? ": use transactional(id)" : ""));
    }
    Map<String, Object> s = new LinkedHashMap<>(settings);
    s.put(key, value);
    return new ProducerFactory(s);
  }

  /** The same settings for a transactional producer (call {@code initTransactions()} before use). */
  public ProducerFactory transactional(String transactionalId) {
    Map<String, Object> s = new LinkedHashMap<>(settings);
    s.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new ProducerFactory(s);
  }

  /** The client properties, e.g. for a client built elsewhere or to inspect them. */
  public Properties properties() {
    Properties props = new Properties();
    props.putAll(settings);
    return props;
  }

  /** A new producer; the caller closes it. */
  public <K, V> KafkaProducer<K, V> create(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    return new KafkaProducer<>(properties(), keySerializer, valueSerializer);
  }
}
