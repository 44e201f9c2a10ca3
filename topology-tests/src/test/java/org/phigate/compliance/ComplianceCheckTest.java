package org.phigate.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;

/**
 * `phigate compliance check`: the demo's plaintext config fails, naming each failed control; a secured config (every
 * secret in a file, certificates from the testkit CA) passes; no report carries a secret.
 */
class ComplianceCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static ComplianceReport check(Path config, List<Role> roles) {
    CommonConfig common = new CommonConfig(Settings.load(config, Map.of(), Map.of()));
    return ComplianceCheck.shipped().evaluate(new Deployment(common, roles, BrokerAcls.skipped()));
  }

  private static List<String> failedIds(ComplianceReport report) {
    return report.failed().stream().map(f -> f.control().id()).toList();
  }

  @Test
  void shouldEvaluateEveryShippedControlWithItsOwnCheckAcrossAllFiveSafeguards() {
    ComplianceCheck check = ComplianceCheck.shipped();
    List<String> ids = check.controls().stream().map(Control::id).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(19);
    assertThat(check.controls().stream().map(Control::safeguard).distinct()).containsExactlyInAnyOrder(
        Safeguard.values());
    assertThat(check.controls()).allSatisfy(c -> {
      assertThat(c.description()).isNotBlank();
      assertThat(c.remediation()).isNotBlank();
    });
  }

  @Test
  void shouldFailTheDemosPlaintextConfigListingEachFailedControl() {
    ComplianceReport report = check(ComplianceFixtures.demoPlaintext(dir), List.of(Role.values()));

    assertThat(report.passed()).isFalse();
    assertThat(failedIds(report)).containsExactlyInAnyOrder("AC-SECRETS-FILES", "AU-ARCHIVE-LOCK", "PA-KAFKA-AUTH",
        "PA-KAFKA-PRINCIPALS", "PA-REVIEW-OIDC", "PA-REST-CLIENT-CERT", "TS-KAFKA-TLS", "TS-MLLP-TLS", "TS-REST-TLS",
        "TS-REVIEW-TLS", "TS-METRICS-TLS", "TS-EHR-TLS");
    assertThat(report.findings()).filteredOn(f -> f.control().id().equals("AC-ACL-DRIFT"))
        .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.NOT_CHECKED));
    String text = report.text();
    for (String id : failedIds(report)) {
      assertThat(text).contains("FAIL           " + id);
    }
    assertThat(text).contains("crypto.event.key: set inline", "intake: security.protocol=PLAINTEXT",
        "review.auth.issuer=http://127.0.0.1:39578 is not https", "fix: Set kafka.security.protocol=SASL_SSL");
  }

  @Test
  void shouldPassTheSecuredConfigWithoutPrintingAnySecret() throws Exception {
    Path config = ComplianceFixtures.secured(dir);
    ComplianceReport report = check(config, List.of(Role.values()));

    assertThat(failedIds(report)).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.findings().stream().filter(f -> f.status() == Status.PASS).map(f -> f.control().id()))
        .contains("AC-SECRETS-FILES", "AC-PHI-KEYS", "PA-KAFKA-PRINCIPALS", "TS-KAFKA-TLS", "TS-REST-TLS",
            "TS-MLLP-TLS", "TS-REVIEW-TLS", "TS-METRICS-TLS", "TS-EHR-TLS", "AU-ARCHIVE-LOCK", "IN-AUDIT-SIGNING",
            "IN-EOS", "PA-REST-CLIENT-CERT");
    assertThat(report.text()).contains("intake: User:phigate-intake (the principal the ACL plan grants)",
        "CN=intake-rest.hospital.example");
    List<String> secrets;
    try (Stream<Path> files = Files.list(dir.resolve("secrets"))) {
      secrets = files.filter(f -> !f.getFileName().toString().startsWith("audit-signing"))
          .map(f -> read(f).strip()).toList();
    }
    assertThat(secrets).hasSizeGreaterThan(10);
    for (String secret : secrets) {
      String needle = secret.contains("password=\"") ? secret.replaceAll(".*password=\"([^\"]+)\".*", "$1") : secret;
      assertThat(report.text()).doesNotContain(needle);
      assertThat(report.json()).doesNotContain(needle);
    }
  }

  @Test
  void shouldPassEachShippedZoneOfTheSecuredConfigOnItsOwn() {
    Path config = ComplianceFixtures.secured(dir);
    for (List<Role> zone : List.of(List.of(Role.INTAKE, Role.DEID), List.of(Role.INFERENCE),
        List.of(Role.REVIEW, Role.WRITEBACK), List.of(Role.AUDIT_ARCHIVER))) {
      ComplianceReport report = check(config, zone);
      if (zone.contains(Role.INFERENCE)) {
        // one config file for every zone holds PHI keys, which a process running inference must not
        assertThat(failedIds(report)).as("inference").containsExactly("AC-PHI-KEYS");
      } else {
        assertThat(failedIds(report)).as(zone.toString()).isEmpty();
      }
    }
  }

  @Test
  void shouldFailWhenARoleSharesAPrincipalOrLogsAtDebug() {
    Path config = ComplianceFixtures.secured(dir);
    String text = read(config).lines().filter(l -> !l.startsWith("role.deid.")).collect(Collectors.joining("\n"))
        + "\nrole.deid.kafka.sasl.jaas.config.file=" + dir.resolve("secrets/intake.jaas") + "\n";
    Path shared = ComplianceFixtures.properties(dir.resolve("shared.properties"),
        text.lines().filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
            l -> l.substring(l.indexOf('=') + 1), (a, b) -> b, java.util.LinkedHashMap::new)));
    Level before = LogManager.getLogger("ca.uhn.fhir").getLevel();
    Configurator.setLevel("ca.uhn.fhir", Level.DEBUG);
    try {
      ComplianceReport report = check(shared, List.of(Role.values()));
      assertThat(failedIds(report)).containsExactlyInAnyOrder("PA-KAFKA-PRINCIPALS", "AC-LOG-LEVEL");
      assertThat(report.text()).contains("deid and intake share the principal User:phigate-intake",
          "ca.uhn.fhir logs at DEBUG");
    } finally {
      Configurator.setLevel("ca.uhn.fhir", before);
    }
  }

  @Test
  void shouldExitOneWithJsonEvidenceForTheDemoConfigAndZeroForTheSecuredOne() throws Exception {
    CliRun demo = CliRun.of("compliance", "check", "--config", ComplianceFixtures.demoPlaintext(dir).toString(),
        "--format", "json", "--no-broker");
    assertThat(demo.exit()).as(demo.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(demo.out());
    assertThat(report.get("passed").asBoolean()).isFalse();
    assertThat(report.get("controls")).anySatisfy(c -> {
      assertThat(c.get("id").asText()).isEqualTo("TS-KAFKA-TLS");
      assertThat(c.get("safeguard").asText()).isEqualTo("164.312(e)");
      assertThat(c.get("status").asText()).isEqualTo("FAIL");
      assertThat(c.get("remediation").asText()).contains("SASL_SSL");
    });

    Path secured = ComplianceFixtures.secured(dir.resolve("secured"));
    CliRun ok = CliRun.of("compliance", "check", "--config", secured.toString(), "--no-broker");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("PASSED: 18 passed, 0 failed, 1 not checked, 0 not applicable");
  }

  @Test
  void shouldReportTheAclComparisonAsNotCheckedWhenNoBrokerAnswers() {
    Path config = ComplianceFixtures.secured(dir);
    CommonConfig common = new CommonConfig(Settings.load(config, Map.of(), Map.of("kafka.bootstrap.servers",
        "127.0.0.1:1", "kafka.security.protocol", "PLAINTEXT")));
    ComplianceReport report = ComplianceCheck.shipped().evaluate(new Deployment(common, List.of(Role.INFERENCE),
        new BrokerAcls(common, java.time.Duration.ofSeconds(2))));
    assertThat(report.findings()).filteredOn(f -> f.control().id().equals("AC-ACL-DRIFT")).singleElement()
        .satisfies(f -> {
          assertThat(f.status()).isEqualTo(Status.NOT_CHECKED);
          assertThat(f.outcome().evidence()).singleElement().asString().contains("no broker reachable at 127.0.0.1:1");
        });
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
