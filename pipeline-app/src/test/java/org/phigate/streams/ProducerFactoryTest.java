package org.phigate.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;

class ProducerFactoryTest {
  private static final CommonConfig SITE = new CommonConfig(Settings.of(Map.of(
      "kafka.bootstrap.servers", "broker-1:9093",
      "kafka.security.protocol", "SASL_SSL",
      "kafka.sasl.mechanism", "SCRAM-SHA-256",
      "kafka.acks", "1",
      "kafka.enable.idempotence", "false",
      "kafka.transactional.id", "site-wide",
      "topics.max.message.bytes", "2097152")));

  @Test
  void shouldPassTheSiteKafkaSettingsToEveryProducer() {
    Properties props = ProducerFactory.of(SITE).properties();

    assertThat(props).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
        .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_097_152);
  }

  @Test
  void shouldNotLetASiteSettingWeakenDurabilityOrShareATransaction() {
    Properties props = ProducerFactory.of(SITE).properties();

    assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
  }

  @Test
  void shouldAddTuningAndATransactionalIdWithoutChangingTheOriginal() {
    ProducerFactory base = ProducerFactory.of("127.0.0.1:9092");

    Properties tuned = base.with(ProducerConfig.LINGER_MS_CONFIG, 5).transactional("tx-1").properties();

    assertThat(tuned).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
        .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1")
        .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, CommonConfig.defaultMaxMessageBytes());
    assertThat(base.properties()).doesNotContainKeys(ProducerConfig.LINGER_MS_CONFIG,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG);
  }

  @Test
  void shouldRefuseTuningThatWouldWeakenTheGuarantees() {
    ProducerFactory factory = ProducerFactory.of("127.0.0.1:9092");

    assertThatThrownBy(() -> factory.with(ProducerConfig.ACKS_CONFIG, "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
    assertThatThrownBy(() -> factory.with(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "x"))
        .hasMessageContaining("transactional(id)");
  }
}
