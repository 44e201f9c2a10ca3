package org.phigate.catalog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the topic catalog: name, key and value types, PHI class, retention, zone and record size class.
 *
 * @param retention empty for infinite retention (audit topic until archived)
 * @param size      whether records carry whole inbound messages (limit {@code topics.max.message.bytes}) or are
 *                  small by construction (Kafka's default limit)
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    PhiClass phi,
    Optional<Duration> retention,
    boolean compacted,
    String zone,
    RecordSize size,
    String description) {

  /** Kafka's own default {@code max.message.bytes} (1 MiB plus the record batch overhead). */
  public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  /** How large one record of a topic can get. */
  public enum RecordSize {
    /** Records carry an inbound message or its parsed, sealed or redacted content: multi-megabyte FHIR bundles. */
    MESSAGE,
    /** Records are small by construction (tokens, audit events, AI drafts): Kafka's default limit. */
    STANDARD
  }

  /** The largest record this topic accepts, given the configured {@code topics.max.message.bytes}. */
  public int maxMessageBytes(int configuredMessageBytes) {
    return size == RecordSize.MESSAGE ? configuredMessageBytes : KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Kafka topic configs this entry implies: cleanup policy, retention and the largest record. */
  public Map<String, String> topicConfigs(int configuredMessageBytes) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", compacted ? "compact" : "delete");
    configs.put("retention.ms", retention.map(d -> Long.toString(d.toMillis())).orElse("-1"));
    configs.put("max.message.bytes", Integer.toString(maxMessageBytes(configuredMessageBytes)));
    return configs;
  }
}
