package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.runtime.Role;

/**
 * `compliance check` against a real KRaft broker with SASL_SSL and StandardAuthorizer: with the ACLs `acl apply`
 * created, AC-ACL-DRIFT passes with the broker's evidence; one extra grant (the inference principal on the vault)
 * makes it fail, naming the extra ACL.
 */
class ComplianceBrokerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafkaBroker kafka;
  private static Path adminConfig;

  @BeforeAll
  static void startSecureBroker() throws Exception {
    Path state = Files.createTempDirectory("phigate-compliance-it");
    List<String> principals = new ArrayList<>();
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    for (Role role : Role.values()) {
      principals.add(role.config(defaults).applicationId());
    }
    kafka = EmbeddedKafkaBroker.startSecure(principals);
    adminConfig = state.resolve("admin.properties");
    Properties file = new Properties();
    file.putAll(kafka.security().scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    try (OutputStream out = Files.newOutputStream(adminConfig)) {
      file.store(out, "compliance IT admin");
    }
    CliRun applied = CliRun.of("acl", "apply", "--config", adminConfig.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static JsonNode aclControl() throws Exception {
    CliRun run = CliRun.of("compliance", "check", "--config", adminConfig.toString(), "--role", "inference",
        "--format", "json", "--broker-timeout-seconds", "60");
    JsonNode report = JSON.readTree(run.out());
    for (JsonNode control : report.get("controls")) {
      if (control.get("id").asText().equals("AC-ACL-DRIFT")) {
        return control;
      }
    }
    throw new AssertionError("no AC-ACL-DRIFT in " + run.out() + run.err());
  }

  @Test
  void shouldPassTheAclControlAsAppliedAndFailItOnAnExtraGrant() throws Exception {
    JsonNode asPlanned = aclControl();
    assertThat(asPlanned.get("status").asText()).as(asPlanned.toString()).isEqualTo("PASS");
    assertThat(asPlanned.get("evidence").get(0).asText()).contains("holds the", "ACLs of the plan for [inference]");

    AclBinding extra = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.PHI_VAULT.name(),
        PatternType.LITERAL), new AccessControlEntry("User:phigate-inference", "*", AclOperation.READ,
        AclPermissionType.ALLOW));
    try (Admin admin = Admin.create(BrokerSecurity.clientProperties(kafka.security().scramClient(
        BrokerSecurity.ADMIN, kafka.bootstrapServers())))) {
      admin.createAcls(List.of(extra)).all().get(60, TimeUnit.SECONDS);
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode drifted = aclControl();
      assertThat(drifted.get("status").asText()).isEqualTo("FAIL");
      assertThat(drifted.get("evidence").toString()).contains("extra", Topics.PHI_VAULT.name(),
          "User:phigate-inference");
      assertThat(drifted.get("remediation").asText()).contains("acl apply");
    });
  }
}
