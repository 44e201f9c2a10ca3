package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.runtime.Role;

class SettingsTest {

  @Test
  void shouldPreferOverridesThenEnvironmentThenFileThenDefault(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("phigate.properties");
    Files.writeString(file, "phigate.tenant=from-file\nkafka.bootstrap.servers=file:9092\nkafka.security.protocol=SSL\n");
    Settings settings = new Settings(Map.of("phigate.tenant", "from-file", "kafka.bootstrap.servers", "file:9092",
        "kafka.security.protocol", "SSL"), Map.of("PHIGATE_KAFKA_BOOTSTRAP_SERVERS", "env:9092"),
        Map.of("phigate.instance.id", "override"));
    CommonConfig config = new CommonConfig(settings);
    assertThat(config.tenant()).isEqualTo("from-file");
    assertThat(config.bootstrapServers()).isEqualTo("env:9092");
    assertThat(config.instanceId()).isEqualTo("override");
    assertThat(config.threads()).isEqualTo(1);
    assertThat(config.kafkaClientOverrides()).containsExactly(Map.entry("security.protocol", "SSL"));
    assertThat(settings.origin(CommonConfig.BOOTSTRAP)).isEqualTo("env PHIGATE_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(Settings.load(file, Map.of()).raw(CommonConfig.TENANT)).isEqualTo("from-file");
  }

  @Test
  void shouldGiveEachRoleItsOwnKafkaCredentialsOnTopOfTheSharedClientSettings(@TempDir Path dir) throws IOException {
    Path deidJaas = Files.writeString(dir.resolve("deid.jaas"), "deid-login\n");
    Settings settings = new Settings(Map.of("kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.jaas.config", "shared-login",
        "role.deid.kafka.sasl.jaas.config.file", deidJaas.toString()),
        Map.of("PHIGATE_ROLE_AUDIT_ARCHIVER_KAFKA_SECURITY_PROTOCOL", "SSL",
            "PHIGATE_ROLE_AUDIT_ARCHIVER_KAFKA_SSL_KEYSTORE_LOCATION", "/run/secrets/archiver.p12"), Map.of());
    CommonConfig config = new CommonConfig(settings);

    assertThat(config.kafkaClientOverrides()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.jaas.config", "shared-login"));
    assertThat(config.kafkaClientOverrides("deid")).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.jaas.config", "deid-login"));
    assertThat(config.kafkaClientOverrides("intake")).isEqualTo(config.kafkaClientOverrides());
    assertThat(config.kafkaClientOverrides("audit-archiver")).containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.location", "/run/secrets/archiver.p12");
  }

  @Test
  void shouldTellTheOperatorWhichKeyToSetWhenAKeyIsMissingOrMalformed() {
    CommonConfig config = new CommonConfig(Settings.of(Map.of("streams.num.stream.threads", "many")));
    assertThatThrownBy(config::eventCipher).isInstanceOf(ConfigException.class)
        .hasMessageContaining("crypto.event.key").hasMessageContaining("PHIGATE_CRYPTO_EVENT_KEY");
    assertThatThrownBy(config::threads).hasMessageContaining("streams.num.stream.threads must be an integer in [1, 64]");
    assertThatThrownBy(() -> Settings.load(Path.of("/nonexistent/phigate.properties"), Map.of()))
        .hasMessageContaining("--config");
  }

  @Test
  void shouldDeclareEveryKeyOnceWithADescriptionAndAnEnvironmentVariable() {
    CommonConfig common = new CommonConfig(Settings.of(Map.of()));
    Set<String> names = new HashSet<>();
    List<List<ConfigKey<?>>> groups = new java.util.ArrayList<>(List.of(CommonConfig.KEYS));
    for (Role role : Role.values()) {
      groups.add(role.config(common).keys());
    }
    assertThat(ConfigCatalog.all()).as("the catalog holds every role's keys")
        .containsExactlyElementsOf(groups.stream().flatMap(List::stream).toList());
    List<String> withoutValidator = groups.stream().flatMap(List::stream)
        .filter(k -> k.validator().expected().isBlank()).map(ConfigKey::name).toList();
    assertThat(withoutValidator).as("keys without a declared validator").isEmpty();
    groups.forEach(keys -> keys.forEach(key -> {
      assertThat(names.add(key.name())).as("declared once: " + key.name()).isTrue();
      assertThat(key.description()).as(key.name()).isNotBlank();
      assertThat(key.envVar()).matches("PHIGATE_[A-Z0-9_]+");
      assertThat(key.defaultValue()).as(key.name()).isNotNull();
      assertThat(key.validator().expected()).as("validator of " + key.name()).isNotBlank();
      assertThat(ConfigValidator.problems(Settings.of(Map.of()), List.of(key), List.of())).as("default of " + key.name())
          .isEmpty();
    }));
  }
}
