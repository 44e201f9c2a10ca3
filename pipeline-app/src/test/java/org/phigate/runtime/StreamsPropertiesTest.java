package org.phigate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.streams.DeadLetters;
import org.phigate.streams.PhiSafeDeserializationHandler;
import org.phigate.streams.PhiSafeProcessingHandler;
import org.phigate.streams.PhiSafeProductionHandler;
import org.phigate.streams.StreamsProperties;

class StreamsPropertiesTest {
  private static final DeadLetters NO_DEAD_LETTERS = failed -> List.of();

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "AUDIT_ARCHIVER", mode = EnumSource.Mode.EXCLUDE)
  void shouldRunEveryStreamsRoleExactlyOnceWithExplicitNamingAndItsOwnApplicationId(Role role) {
    CommonConfig common = new CommonConfig(Settings.of(Map.of("kafka.security.protocol", "SASL_SSL")));
    Properties props = StreamsProperties.forRole(role.config(common), NO_DEAD_LETTERS);
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo(true);
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("phigate-" + role.id());
    assertThat(props.get("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(PhiSafeDeserializationHandler.class.getName());
    assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(PhiSafeProcessingHandler.class.getName());
    assertThat(props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(PhiSafeProductionHandler.class.getName());
    assertThat(props.get(StreamsProperties.DEAD_LETTERS)).isSameAs(NO_DEAD_LETTERS);
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "AUDIT_ARCHIVER", mode = EnumSource.Mode.EXCLUDE)
  void shouldSizeEveryClientAndInternalTopicForTheConfiguredMessageLimit(Role role) {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.MAX_MESSAGE_BYTES.name(), "5000000")));
    Properties props = StreamsProperties.forRole(role.config(common), NO_DEAD_LETTERS);
    assertThat(props.get("producer.max.request.size")).isEqualTo(5_000_000);
    assertThat(props.get("consumer.max.partition.fetch.bytes")).isEqualTo(5_000_000);
    assertThat(props.get("topic.max.message.bytes")).isEqualTo("5000000");
    assertThat((Integer) props.get("producer.transaction.timeout.ms")).isGreaterThanOrEqualTo(60_000);
    new StreamsConfig(props);
  }

  @org.junit.jupiter.api.Test
  void shouldRefuseAMessageLimitBelowKafkasDefault() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.MAX_MESSAGE_BYTES.name(), "1000")));
    org.assertj.core.api.Assertions.assertThatThrownBy(common::maxMessageBytes)
        .isInstanceOf(org.phigate.config.ConfigException.class).hasMessageContaining("topics.max.message.bytes");
  }
}
