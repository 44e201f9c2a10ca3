package org.phigate.catalog;

import java.time.Duration;
import java.util.Optional;

/**
 * One entry of the topic catalog: name, key and value types, PHI class, retention and zone.
 *
 * @param retention empty for infinite retention (audit topic until archived)
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    PhiClass phi,
    Optional<Duration> retention,
    boolean compacted,
    String zone,
    String description) {

  /** Kafka topic configs this entry implies (cleanup policy and retention). */
  public java.util.Map<String, String> topicConfigs() {
    java.util.Map<String, String> configs = new java.util.LinkedHashMap<>();
    configs.put("cleanup.policy", compacted ? "compact" : "delete");
    configs.put("retention.ms", retention.map(d -> Long.toString(d.toMillis())).orElse("-1"));
    return configs;
  }
}
