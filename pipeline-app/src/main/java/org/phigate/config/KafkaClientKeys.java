package org.phigate.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/** What Kafka's own client and Streams configs declare about a {@code kafka.*} passthrough setting. */
public final class KafkaClientKeys {
  private static final ConfigDef[] DEFS = {ProducerConfig.configDef(), ConsumerConfig.configDef(),
      AdminClientConfig.configDef(), StreamsConfig.configDef()};
  private static final Set<String> NAMES = names();

  private KafkaClientKeys() {}

  /** A config name one of Kafka's clients declares (e.g. sasl.oauthbearer.assertion.file). */
  public static boolean known(String name) {
    return NAMES.contains(name);
  }

  /** Kafka declares it a PASSWORD, or its name says it holds a credential: never printed. */
  public static boolean secret(String name) {
    for (ConfigDef def : DEFS) {
      ConfigDef.ConfigKey key = def.configKeys().get(name);
      if (key != null && key.type == ConfigDef.Type.PASSWORD) {
        return true;
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
        || lower.contains("credential");
  }

  private static Set<String> names() {
    Set<String> out = new HashSet<>();
    for (ConfigDef def : DEFS) {
      out.addAll(def.names());
    }
    return Set.copyOf(out);
  }
}
