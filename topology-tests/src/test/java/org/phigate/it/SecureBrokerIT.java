package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.WritebackConfig;
import org.phigate.demo.DemoCharts;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.LocalCa;
import org.phigate.it.support.SecurePipeline;
import org.phigate.runtime.Role;

/**
 * The trust zones enforced by a real KRaft broker: SASL_SSL (SCRAM-SHA-512) and SSL with client certificates,
 * StandardAuthorizer denying whatever no ACL allows, the ACLs created by {@code phigate acl apply}. Every role runs as
 * its own principal (intake, deid and review over SCRAM, the others over mTLS; intake and deid in one process)
 * holding only its planned ACLs, and the whole pipeline still
 * carries the shipped samples to the EHR; the inference principal is refused every PHI topic; clients without
 * credentials, or with a certificate from another CA, cannot connect.
 */
class SecureBrokerIT {
  private static final Duration STAGE = Duration.ofMinutes(3);

  private static SecurePipeline pipeline;
  private static EmbeddedKafkaBroker kafka;
  private static BrokerSecurity security;
  private static Path state;

  @BeforeAll
  static void startSecurePipeline() throws Exception {
    pipeline = SecurePipeline.start("secure-it", "secure-hospital", "192.0.2.20", Map.of());
    kafka = pipeline.kafka();
    security = pipeline.security();
    state = pipeline.state();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldApplyExactlyThePlanWithTheAdminClientAndReportNoDrift() {
    CliRun applied = pipeline.applied();
    assertThat(applied.out()).contains("[acl] ").contains(" created, 0 already present");
    Path adminConfig = pipeline.adminConfigFile();
    CliRun verify = CliRun.of("acl", "verify", "--config", adminConfig.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("[acl] no drift");
    // secrets came from files: none of them is printed
    assertThat(applied.out() + applied.err() + verify.out() + verify.err()).doesNotContain("password=");
  }

  @Test
  void shouldReportDriftAndRepairItWithApplyAndPrune() throws Exception {
    String config = pipeline.adminConfigFile().toString();
    AclBinding grantedByHand = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.PHI_VAULT.name(),
        PatternType.LITERAL), new AccessControlEntry("User:phigate-inference", "*", AclOperation.READ,
        AclPermissionType.ALLOW));
    // only used when an inference record is a poison pill: removing it for a moment disturbs nothing
    AclBinding planned = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.POISON_DLQ.name(),
        PatternType.LITERAL), new AccessControlEntry("User:phigate-inference", "*", AclOperation.WRITE,
        AclPermissionType.ALLOW));
    try (Admin admin = Admin.create(BrokerSecurity.clientProperties(security.scramClient(BrokerSecurity.ADMIN,
        kafka.bootstrapServers())))) {
      admin.createAcls(List.of(grantedByHand)).all().get(30, TimeUnit.SECONDS);
      admin.deleteAcls(List.of(planned.toFilter())).all().get(30, TimeUnit.SECONDS);
    }

    // the broker's authorizer applies ACL changes from the metadata log a moment after the Admin call returns
    await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("acl", "verify", "--config", config).out()
        .contains("[acl] drift: 1 missing, 1 extra"));
    CliRun drift = CliRun.of("acl", "verify", "--config", config);
    assertThat(drift.exit()).isEqualTo(1);
    assertThat(drift.out())
        .contains("extra\tUser:phigate-inference\tTOPIC\tLITERAL\tphigate.phi.vault\tREAD")
        .contains("missing\tUser:phigate-inference\tTOPIC\tLITERAL\tphigate.poison.dlq\tWRITE")
        .contains("[acl] drift: 1 missing, 1 extra");

    CliRun repaired = CliRun.of("acl", "apply", "--prune", "--config", config);
    assertThat(repaired.exit()).as(repaired.err()).isZero();
    assertThat(repaired.out()).contains("created\tUser:phigate-inference\tTOPIC\tLITERAL\tphigate.poison.dlq\tWRITE")
        .contains("deleted\tUser:phigate-inference\tTOPIC\tLITERAL\tphigate.phi.vault\tREAD");
    await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("acl", "verify", "--config", config).exit() == 0);
  }

  @Test
  void shouldCarryTheSamplesToTheEhrWithEachRoleHoldingOnlyItsAcls() throws Exception {
    List<SampleInput> inputs = SampleInput.shipped();
    // the hospital's charts: write-back matches the patient by MRN before it writes
    DemoCharts.register(pipeline.ehr(), WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    // an integration engine publishing under the intake principal, which may write the raw topic
    pipeline.publish(inputs);

    await().atMost(STAGE).until(() -> audits("intake.normalize") + audits("intake.reject") == inputs.size());
    await().atMost(STAGE).until(() -> audits("deid.redact") == audits("intake.normalize"));
    await().atMost(STAGE).until(() -> audits("inference.run") == audits("deid.redact"));
    await().atMost(STAGE).until(() -> audits("review.hold") == count(Topics.AI_RESULTS.name()));

    Set<String> reviewIds = pipeline.approveAll("secure-it-reviewer", "https://issuer.secure-it.test");
    await().atMost(STAGE).until(() -> count(Topics.EHR_OUTCOMES.name()) + count(Topics.EHR_DLQ.name())
        == reviewIds.size());

    assertThat(reviewIds).isNotEmpty();
    // the one shipped result without any patient identifier matches no chart and is dead-lettered (as in PipelineIT)
    assertThat(count(Topics.EHR_DLQ.name())).isEqualTo(1);
    assertThat(pipeline.ehr().resourceCount("Task") + pipeline.ehr().resourceCount("DocumentReference"))
        .isEqualTo(count(Topics.EHR_OUTCOMES.name()));
    for (Role role : Role.values()) {
      if (role != Role.AUDIT_ARCHIVER) {
        assertThat(pipeline.runtime(role).states().values()).as(role.id()).containsOnly(KafkaStreams.State.RUNNING);
      }
    }
    assertThat(pipeline.runtime(Role.AUDIT_ARCHIVER).archiver().failure()).isNull();
  }

  @Test
  void shouldDenyTheInferencePrincipalEveryPhiTopic() {
    for (String topic : List.of(Topics.EVENTS_NORMALIZED.name(), Topics.PHI_DETECTED.name(), Topics.PHI_VAULT.name(),
        Topics.INTAKE_RAW.name())) {
      for (Map<String, String> credentials : List.of(
          security.tlsClient("phigate-inference", kafka.tlsBootstrapServers()),
          security.scramClient("phigate-inference", kafka.bootstrapServers()))) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(credentials)) {
          consumer.assign(List.of(new TopicPartition(topic, 0)));
          consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
          assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
              .as(topic + " over " + credentials.get("kafka.security.protocol"))
              .isInstanceOf(TopicAuthorizationException.class)
              .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics()).contains(topic));
        }
      }
    }
    // and it still reads its own input
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(security.tlsClient("phigate-inference",
        kafka.tlsBootstrapServers()))) {
      consumer.assign(List.of(new TopicPartition(Topics.EVENTS_DEIDENTIFIED.name(), 0)));
      consumer.seekToBeginning(consumer.assignment());
      consumer.poll(Duration.ofSeconds(2));
    }
  }

  @Test
  void shouldRefuseClientsWithoutCredentialsOrWithACertificateFromAnotherCa() throws IOException {
    // no TLS, no SASL: the SASL_SSL listener never completes a handshake
    Properties plaintext = new Properties();
    plaintext.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    assertNoConnection(plaintext, null);

    // TLS that trusts the broker but presents no client certificate, on the mTLS listener
    Map<String, String> noCertificate = new LinkedHashMap<>(security.tlsClient("phigate-inference",
        kafka.tlsBootstrapServers()));
    noCertificate.keySet().removeIf(k -> k.startsWith("kafka.ssl.keystore"));
    assertNoConnection(BrokerSecurity.clientProperties(noCertificate), AuthenticationException.class);

    // a well-formed certificate with a principal's name, from a CA the broker does not trust
    Path rogue = state.resolve("rogue.p12");
    LocalCa.create("rogue-ca").writeKeystore(rogue, "phigate-writeback", "rogue-pass".toCharArray());
    Map<String, String> otherCa = new LinkedHashMap<>(security.tlsClient("phigate-writeback",
        kafka.tlsBootstrapServers()));
    otherCa.remove("kafka.ssl.keystore.password.file");
    otherCa.put("kafka.ssl.keystore.location", rogue.toString());
    Properties rogueProps = BrokerSecurity.clientProperties(otherCa);
    rogueProps.put("ssl.keystore.password", "rogue-pass");
    assertNoConnection(rogueProps, AuthenticationException.class);

    // SCRAM with a wrong password
    Path wrong = state.resolve("wrong.jaas");
    Files.writeString(wrong, "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"phigate-intake\" password=\"not-the-password\";");
    Map<String, String> badPassword = new LinkedHashMap<>(security.scramClient("phigate-intake",
        kafka.bootstrapServers()));
    badPassword.put("kafka.sasl.jaas.config.file", wrong.toString());
    assertNoConnection(BrokerSecurity.clientProperties(badPassword), AuthenticationException.class);
  }

  private static void assertNoConnection(Properties props, Class<? extends Throwable> cause) {
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(props)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
          .satisfies(e -> {
            if (cause != null) {
              assertThat(e).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(cause);
            } else {
              assertThat(e).isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
            }
          });
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> credentials) {
    Properties props = BrokerSecurity.clientProperties(credentials);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static long audits(String step) {
    return pipeline.audits(step);
  }

  private static int count(String topic) {
    return pipeline.count(topic);
  }
}
