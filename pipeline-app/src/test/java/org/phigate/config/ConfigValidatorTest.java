package org.phigate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.runtime.Role;
import org.phigate.security.Keys;

class ConfigValidatorTest {
  private static final String SECRET = Keys.randomBase64();

  private static List<String> problems(Settings settings, Role... roles) {
    CommonConfig common = new CommonConfig(settings);
    return ConfigValidator.problems(settings, Role.allKeys(), List.of(roles).stream().map(r -> r.config(common))
        .toList());
  }

  private static List<String> problems(Map<String, String> values, Role... roles) {
    return problems(new Settings(values, Map.of(), Map.of()), roles);
  }

  @Test
  void shouldAcceptOnlyTrueOrFalseForABoolean() {
    for (String typo : List.of("ture", "yes", "1", "on", "TRUE", "")) {
      assertThat(problems(Map.of("deid.detect.name.dictionary", typo))).as(typo).singleElement().asString()
          .startsWith("deid.detect.name.dictionary = \"" + typo + "\": expected true or false; from file");
    }
    assertThat(problems(Map.of("deid.detect.name.dictionary", "false"))).isEmpty();
    assertThatThrownBy(() -> new DeidConfig(new CommonConfig(Settings.of(Map.of("deid.detect.name.dictionary",
        "ture")))).nameDictionary()).isInstanceOf(ConfigException.class).hasMessageContaining("true or false");
  }

  @Test
  void shouldAcceptOnlyWorkflowNamesOrTheWildcardForTheCrisisDetectorsWorkflows() {
    String key = InferenceConfig.CRISIS_DETECTOR_WORKFLOWS.name();
    for (String bad : List.of("", " ", "message-triage,", "message triage", "*,note-summary", "a;b")) {
      assertThat(problems(Map.of(key, bad))).as(bad).singleElement().asString()
          .startsWith(key + " = \"" + bad + "\": expected '*' or a comma-separated list of workflow names");
    }
    for (String ok : List.of("*", "message-triage", "message-triage, note-summary", " message-triage ")) {
      assertThat(problems(Map.of(key, ok))).as(ok).isEmpty();
    }
    assertThat(new InferenceConfig(new CommonConfig(Settings.of(Map.of()))).crisisDetectorWorkflows())
        .containsExactly("message-triage");
  }

  @Test
  void shouldListEveryProblemAtOnceWithKeyValueExpectationAndOrigin() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () ->
        ConfigValidator.validate(new Settings(Map.of("streams.num.stream.threads", "0", "ops.port", "70000",
            "kafka.bootstrap.servers", "kafka-1"), Map.of("PHIGATE_DEID_POLICY", "safe-harbour"), Map.of()),
            Role.allKeys(), List.of()));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "streams.num.stream.threads = \"0\": expected an integer in [1, 64]; from file",
        "ops.port = \"70000\": expected an integer in [0, 65535]; from file",
        "kafka.bootstrap.servers = \"kafka-1\": expected a comma-separated list of host:port (port 1-65535); from file",
        "deid.policy = \"safe-harbour\": expected one of safe-harbor-v1, date-shift-v1; from env PHIGATE_DEID_POLICY");
    assertThat(e.getMessage()).startsWith("4 configuration problems:");
  }

  @Test
  void shouldSuggestTheClosestKnownKeyForAMisspelledOneAndNeverShowItsValue() {
    List<String> found = problems(Map.of("deid.polcy", "safe-harbor-v1", "crypto.evnt.key", SECRET,
        "intake.nonsense.entirely", "x", "unrelated.site.setting", "kept"));
    assertThat(found).contains("deid.polcy: unknown key; did you mean deid.policy?; from file",
        "crypto.evnt.key: unknown key; did you mean crypto.event.key?; from file",
        "intake.nonsense.entirely: unknown key; `phigate config --describe` lists every key; from file");
    assertThat(found).hasSize(3); // outside PHIGate's namespaces: not ours to judge
    assertThat(String.join("\n", found)).doesNotContain(SECRET);
  }

  @Test
  void shouldRejectUnknownEnvironmentVariablesInPhigateNamespaces() {
    Settings settings = new Settings(Map.of(), Map.of("PHIGATE_DEID_POLCY", "safe-harbor-v1",
        "PHIGATE_JAVA_OPTS", "-Xmx1g", "PHIGATE_KAFKA_CLIENT_ID", "x"), Map.of());
    assertThat(problems(settings)).containsExactly("PHIGATE_DEID_POLCY: unknown environment variable; did you mean "
        + "PHIGATE_DEID_POLICY?; from env PHIGATE_DEID_POLCY");
  }

  @Test
  void shouldMaskSecretValuesInEveryProblem() {
    String bad = "not-base64-" + "x".repeat(20);
    List<String> found = problems(Map.of("crypto.event.key", bad, "deid.deny.list", "NAMES:Fenwhistle"));
    assertThat(found).containsExactlyInAnyOrder(
        "crypto.event.key = <secret>: expected empty or base64 of at least 32 bytes (e.g. `openssl rand -base64 32`);"
            + " from file",
        "deid.deny.list = <secret>: expected comma-separated 'term' or 'CATEGORY:term' entries, CATEGORY one of the "
            + "Safe Harbor categories; from file");
    assertThat(String.join("\n", found)).doesNotContain(bad).doesNotContain("Fenwhistle");
  }

  @Test
  void shouldRequireTheKeysOfTheStartedRolesOnly() {
    assertThat(problems(Map.of(), Role.INFERENCE)).isEmpty();
    assertThat(problems(Map.of(), Role.REVIEW)).singleElement().asString()
        .startsWith("review.decision.mac.key is not set: required by role review");
    assertThat(problems(Map.of("review.decision.mac.key", SECRET), Role.REVIEW)).isEmpty();
    assertThat(problems(Map.of("review.decision.mac.key", SECRET, "review.api.port", "8090"), Role.REVIEW))
        .anySatisfy(p -> assertThat(p).startsWith("crypto.review.key is not set: required by role review"))
        .anySatisfy(p -> assertThat(p).startsWith("review.auth.issuer is not set: required by role review"));
    assertThat(problems(Map.of("review.decision.mac.key", SECRET, "review.api.port", "8090", "crypto.review.key",
        SECRET, "crypto.vault.key", SECRET, "review.auth.issuer", "https://idp.example"), Role.REVIEW))
        .singleElement().asString()
        .startsWith("review.auth.jwks.url / review.auth.jwks.file: set exactly one");
    List<String> found = problems(Map.of(), Role.DEID, Role.WRITEBACK);
    assertThat(found).hasSize(3);
    assertThat(found).anySatisfy(p -> assertThat(p).startsWith("crypto.vault.key is not set: required by roles deid, "
        + "writeback; expected empty or base64").contains("PHIGATE_CRYPTO_VAULT_KEY_FILE"));
    assertThat(problems(Map.of("crypto.event.key", SECRET), Role.INTAKE)).isEmpty();
  }

  @Test
  void shouldRunCrossKeyChecksOnceEveryValueParses() {
    Map<String, String> tooBig = Map.of("crypto.event.key", SECRET, "topics.max.message.bytes", "200000");
    assertThat(problems(tooBig, Role.INTAKE)).satisfiesExactly(
        p -> assertThat(p).startsWith("intake.max.payload.bytes=8388608 must be positive and at least 65536 bytes "
            + "below topics.max.message.bytes=200000").endsWith("(role intake)"),
        p -> assertThat(p).startsWith("intake.mllp.max.frame.bytes=8388608 must be positive").endsWith("(role intake)"));
    assertThat(problems(Map.of("deid.ner.enabled", "true", "deid.ner.model", "", "crypto.event.key", SECRET, "crypto.vault.key", SECRET,
        "crypto.hmac.key", SECRET), Role.DEID)).singleElement().asString()
        .startsWith("deid.ner.model is not set: required when deid.ner.enabled=true");
  }

  @Test
  void shouldTakeKafkaClientSettingsFromTheEnvironmentOverTheFile() {
    Settings settings = new Settings(Map.of("kafka.sasl.mechanism", "PLAIN", "kafka.security.protocol", "SSL"),
        Map.of("PHIGATE_KAFKA_SASL_JAAS_CONFIG", "org.example.Login required;", "PHIGATE_KAFKA_SASL_MECHANISM",
            "SCRAM-SHA-256"), Map.of());
    assertThat(new CommonConfig(settings).kafkaClientOverrides()).containsOnly(
        Map.entry("sasl.mechanism", "SCRAM-SHA-256"), Map.entry("security.protocol", "SSL"),
        Map.entry("sasl.jaas.config", "org.example.Login required;"));
    assertThat(settings.kafkaClientSettings().get("sasl.jaas.config").origin())
        .isEqualTo("env PHIGATE_KAFKA_SASL_JAAS_CONFIG");
  }

  @Test
  void shouldReadSecretsFromFilesNamedByDotFileOrUnderscoreFile(@TempDir Path dir) throws IOException {
    Path eventKey = Files.writeString(dir.resolve("event.key"), SECRET + "\n");
    Path jaas = Files.writeString(dir.resolve("jaas"), "  org.example.Login required password=\"s3cr3t\";\n");
    Settings settings = new Settings(Map.of("kafka.sasl.jaas.config.file", jaas.toString(),
        "kafka.sasl.oauthbearer.assertion.file", "/etc/kafka/assertion.jwt"),
        Map.of("PHIGATE_CRYPTO_EVENT_KEY_FILE", eventKey.toString()), Map.of());
    assertThat(settings.raw(CommonConfig.EVENT_KEY)).isEqualTo(SECRET);
    assertThat(settings.origin(CommonConfig.EVENT_KEY)).isEqualTo("env PHIGATE_CRYPTO_EVENT_KEY_FILE -> " + eventKey);
    assertThat(new CommonConfig(settings).eventCipher()).isNotNull();
    // a Kafka config that itself ends in .file passes through as is
    assertThat(new CommonConfig(settings).kafkaClientOverrides()).containsOnly(
        Map.entry("sasl.jaas.config", "org.example.Login required password=\"s3cr3t\";"),
        Map.entry("sasl.oauthbearer.assertion.file", "/etc/kafka/assertion.jwt"));
    assertThat(problems(settings, Role.INTAKE)).isEmpty();
  }

  @Test
  void shouldNameAnUnreadableSecretFileAndRefuseDotFileForOrdinaryKeys(@TempDir Path dir) {
    Path missing = dir.resolve("missing.key");
    List<String> found = problems(Map.of("crypto.hmac.key.file", missing.toString(), "deid.policy.file", "/x",
        "crypto.vault.key", SECRET, "crypto.vault.key.file", "/y"));
    assertThat(found).containsExactlyInAnyOrder(
        "crypto.hmac.key.file: cannot read the file " + missing + " (NoSuchFileException); from file (crypto.hmac.key.file)",
        "deid.policy.file: only secret keys can be read from a file; set deid.policy itself; from file",
        "crypto.vault.key: set both directly and as crypto.vault.key.file in file; keep one");
  }

  @Test
  void shouldOriginateFileValuesFromTheNamedFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("x.properties"), "deid.detect.name.dictionary=yes\n");
    assertThat(problems(Settings.load(file, Map.of(), Map.of()))).containsExactly(
        "deid.detect.name.dictionary = \"yes\": expected true or false; from file " + file);
  }

  @Test
  void shouldAcceptEveryDefault() {
    assertThat(problems(Map.of())).isEmpty();
  }
}
