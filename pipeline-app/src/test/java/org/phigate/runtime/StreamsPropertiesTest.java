package org.phigate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigCatalog;
import org.phigate.config.ConfigValidator;
import org.phigate.config.DeidConfig;
import org.phigate.config.StreamsTransactions;
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

  @ParameterizedTest
  @EnumSource(value = Role.class, names = "AUDIT_ARCHIVER", mode = EnumSource.Mode.EXCLUDE)
  void shouldPaceAndBatchEveryRolesTransactionsByDefault(Role role) {
    CommonConfig common = new CommonConfig(Settings.of(Map.of()));
    Properties props = StreamsProperties.forRole(role.config(common), NO_DEAD_LETTERS);
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(Long.parseLong(StreamsTransactions.COMMIT_INTERVAL.defaultValue())).isNotEqualTo(100L);
    assertThat(props.get("producer.linger.ms"))
        .isEqualTo(Integer.parseInt(StreamsTransactions.PRODUCER_LINGER.defaultValue()));
    assertThat(props.get("producer.batch.size"))
        .isEqualTo(Integer.parseInt(StreamsTransactions.PRODUCER_BATCH_BYTES.defaultValue()));
    assertThat(props.get("producer.compression.type")).isEqualTo(StreamsTransactions.PRODUCER_COMPRESSION
        .defaultValue());
    assertThat(new StreamsConfig(props).getGlobalConsumerConfigs("c"))
        .containsEntry("fetch.max.wait.ms", Integer.parseInt(StreamsTransactions.CONSUMER_FETCH_MAX_WAIT.defaultValue()));
    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(Long.parseLong(StreamsTransactions.COMMIT_INTERVAL.defaultValue()));
  }

  @org.junit.jupiter.api.Test
  void shouldTakeTheTransactionSettingsFromTheConfigOverAKafkaPassthrough() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(StreamsTransactions.COMMIT_INTERVAL.name(), "2000",
        StreamsTransactions.PRODUCER_LINGER.name(), "1500", StreamsTransactions.PRODUCER_BATCH_BYTES.name(), "262144",
        StreamsTransactions.PRODUCER_COMPRESSION.name(), "lz4", "kafka.linger.ms", "3",
        StreamsTransactions.CONSUMER_FETCH_MAX_WAIT.name(), "1500")));
    Properties props = StreamsProperties.forRole(Role.DEID.config(common), NO_DEAD_LETTERS);
    StreamsConfig config = new StreamsConfig(props);
    Map<String, Object> producer = config.getProducerConfigs("deid-producer");
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(2000L);
    assertThat(producer).containsEntry("linger.ms", 1500).containsEntry("batch.size", 262144)
        .containsEntry("compression.type", "lz4");
    assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsEntry("fetch.max.wait.ms", 1500);
  }

  @org.junit.jupiter.api.Test
  void shouldGiveEveryRoleTheCommonThreadCountByDefault() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.THREADS.name(), "2")));
    for (Role role : List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW, Role.WRITEBACK)) {
      assertThat(StreamsProperties.forRole(role.config(common), NO_DEAD_LETTERS)
          .get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).as(role.id()).isEqualTo(2);
    }
    assertThat(DeidConfig.STREAM_THREADS.defaultValue()).isEqualTo("0");
    assertThat(CommonConfig.THREADS.defaultValue()).isEqualTo("1");
  }

  @org.junit.jupiter.api.Test
  void shouldTakeDeidsOwnThreadCountOverTheCommonOne() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.THREADS.name(), "3",
        DeidConfig.STREAM_THREADS.name(), "5")));
    assertThat(StreamsProperties.forRole(Role.DEID.config(common), NO_DEAD_LETTERS)
        .get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(5);
    assertThat(StreamsProperties.forRole(Role.INTAKE.config(common), NO_DEAD_LETTERS)
        .get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"-1", "65", "many"})
  void shouldRefuseADeidThreadCountOutsideItsRange(String value) {
    Settings settings = Settings.of(Map.of(DeidConfig.STREAM_THREADS.name(), value));
    assertThat(ConfigValidator.problems(settings, ConfigCatalog.all(), List.of()))
        .anySatisfy(p -> assertThat(p).contains(DeidConfig.STREAM_THREADS.name()));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "30001", "soon"})
  void shouldRefuseACommitIntervalOutsideItsRange(String value) {
    Settings settings = Settings.of(Map.of(StreamsTransactions.COMMIT_INTERVAL.name(), value));
    assertThat(ConfigValidator.problems(settings, ConfigCatalog.all(), List.of()))
        .anySatisfy(p -> assertThat(p).contains(StreamsTransactions.COMMIT_INTERVAL.name()));
  }

  @org.junit.jupiter.api.Test
  void shouldRefuseAnUnknownCompression() {
    Settings settings = Settings.of(Map.of(StreamsTransactions.PRODUCER_COMPRESSION.name(), "brotli"));
    assertThat(ConfigValidator.problems(settings, ConfigCatalog.all(), List.of()))
        .anySatisfy(p -> assertThat(p).contains(StreamsTransactions.PRODUCER_COMPRESSION.name()));
  }

  @org.junit.jupiter.api.Test
  void shouldRefuseAMessageLimitBelowKafkasDefault() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.MAX_MESSAGE_BYTES.name(), "1000")));
    org.assertj.core.api.Assertions.assertThatThrownBy(common::maxMessageBytes)
        .isInstanceOf(org.phigate.config.ConfigException.class).hasMessageContaining("topics.max.message.bytes");
  }
}
