package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.embedded.LocalCa;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

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
  private static final Set<Role> OVER_MTLS = Set.of(Role.INFERENCE, Role.WRITEBACK, Role.AUDIT_ARCHIVER);

  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedSchemaRegistry registry;
  private static EmbeddedFhirServer ehr;
  private static BrokerSecurity security;
  private static TopicSerdes serdes;
  private static Path state;
  private static final Map<String, String> BASE = new HashMap<>();
  private static final List<PipelineRuntime> RUNTIMES = new ArrayList<>();
  private static final Map<Role, PipelineRuntime> BY_ROLE = new LinkedHashMap<>();
  private static CliRun applied;

  @BeforeAll
  static void startSecurePipeline() throws Exception {
    state = Files.createTempDirectory("phigate-secure-it");
    List<String> principals = new ArrayList<>();
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    for (Role role : Role.values()) {
      principals.add(role.config(defaults).applicationId());
    }
    kafka = EmbeddedKafkaBroker.startSecure(principals);
    security = kafka.security();
    registry = EmbeddedSchemaRegistry.start();
    ehr = EmbeddedFhirServer.start();
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
    BASE.putAll(Map.of(
        CommonConfig.REGISTRY_URL.name(), registry.url(),
        CommonConfig.TENANT.name(), "secure-hospital",
        CommonConfig.INSTANCE_ADDRESS.name(), "192.0.2.20",
        CommonConfig.STATE_DIR.name(), state.resolve("state").toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        "archiver.dir", state.resolve("archive").toString()));
    BASE.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    BASE.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    BASE.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    BASE.put(org.phigate.config.ReviewConfig.MAC_KEY.name(), MAC_KEY);
    org.phigate.audit.archive.SigningKeys.write(org.phigate.audit.archive.SigningKeys.generate(),
        state.resolve("audit-signing.key"), state.resolve("audit-signing.pub"));
    BASE.put("archiver.signing.key.file", state.resolve("audit-signing.key").toString());

    TopicProvisioner.ensureTopics(admin());
    // the operator's path: a config file naming the admin's secret files, then `phigate acl apply`
    Path adminConfig = state.resolve("admin.properties");
    Properties file = new Properties();
    file.putAll(security.scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    try (OutputStream out = Files.newOutputStream(adminConfig)) {
      file.store(out, "secure IT admin");
    }
    applied = CliRun.of("acl", "apply", "--config", adminConfig.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("acl", "verify", "--config", adminConfig.toString())
        .exit() == 0);

    // one process per zone as `phigate run` wants it; intake and deid share the PHI zone's process, each still
    // logging in as its own principal (deid through role.deid.kafka.*)
    for (List<Role> process : List.of(List.of(Role.INTAKE, Role.DEID), List.of(Role.INFERENCE),
        List.of(Role.REVIEW), List.of(Role.WRITEBACK), List.of(Role.AUDIT_ARCHIVER))) {
      Map<String, String> settings = new HashMap<>(roleSettings(process.get(0)));
      if (process.contains(Role.DEID)) {
        settings.put(Settings.rolePrefix("deid") + "sasl.jaas.config.file",
            security.scramClient("phigate-deid", kafka.bootstrapServers()).get("kafka.sasl.jaas.config.file"));
      }
      PipelineRuntime runtime = PipelineRuntime.start(process, new CommonConfig(Settings.of(settings)), serdes,
          Clock.systemUTC());
      RUNTIMES.add(runtime);
      process.forEach(role -> BY_ROLE.put(role, runtime));
    }
    for (PipelineRuntime runtime : RUNTIMES) {
      runtime.awaitRunning(Duration.ofMinutes(2));
    }
  }

  @AfterAll
  static void stop() {
    RUNTIMES.forEach(PipelineRuntime::close);
    if (ehr != null) {
      ehr.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldApplyExactlyThePlanWithTheAdminClientAndReportNoDrift() {
    assertThat(applied.out()).contains("[acl] ").contains(" created, 0 already present");
    Path adminConfig = state.resolve("admin.properties");
    CliRun verify = CliRun.of("acl", "verify", "--config", adminConfig.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("[acl] no drift");
    // secrets came from files: none of them is printed
    assertThat(applied.out() + applied.err() + verify.out() + verify.err()).doesNotContain("password=");
  }

  @Test
  void shouldReportDriftAndRepairItWithApplyAndPrune() throws Exception {
    String config = state.resolve("admin.properties").toString();
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

  private static final String MAC_KEY = Keys.randomBase64();
  private static final org.phigate.review.auth.DecisionMac SIGNER =
      new org.phigate.review.auth.DecisionMac(java.util.Base64.getDecoder().decode(MAC_KEY));

  @Test
  void shouldCarryTheSamplesToTheEhrWithEachRoleHoldingOnlyItsAcls() throws Exception {
    List<SampleInput> inputs = SampleInput.shipped();
    // the hospital's charts: write-back matches the patient by MRN before it writes
    org.phigate.demo.DemoCharts.register(ehr, org.phigate.config.WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    // an integration engine publishing under the intake principal, which may write the raw topic
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(roleConfig(Role.INTAKE))
        .create(new StringSerializer(), new ByteArraySerializer())) {
      for (SampleInput input : inputs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes());
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
    }

    await().atMost(STAGE).until(() -> audits("intake.normalize") + audits("intake.reject") == inputs.size());
    await().atMost(STAGE).until(() -> audits("deid.redact") == audits("intake.normalize"));
    await().atMost(STAGE).until(() -> audits("inference.run") == audits("deid.redact"));
    await().atMost(STAGE).until(() -> audits("review.hold") == count(Topics.AI_RESULTS.name()));

    Set<String> reviewIds = new LinkedHashSet<>();
    read(Topics.REVIEW_PENDING.name()).forEach(r -> reviewIds.add(((ReviewItem) serdes.valueSerde(
        Topics.REVIEW_PENDING).deserializer().deserialize(r.topic(), r.value())).getReviewId()));
    try (KafkaProducer<String, ReviewDecision> producer = ProducerFactory.of(admin()).create(new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (String reviewId : reviewIds) {
        // signed as the reviewer API signs: the review role refuses unsigned decisions
        producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, SIGNER.sign(
            ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
                .setReviewer("secure-it-reviewer").setReviewerRole("attending").setIssuer("https://issuer.secure-it.test")
                .setDecidedAt(Instant.now()).build()))).get(30, TimeUnit.SECONDS);
      }
    }
    await().atMost(STAGE).until(() -> count(Topics.EHR_OUTCOMES.name()) + count(Topics.EHR_DLQ.name())
        == reviewIds.size());

    assertThat(reviewIds).isNotEmpty();
    // the one shipped result without any patient identifier matches no chart and is dead-lettered (as in PipelineIT)
    assertThat(count(Topics.EHR_DLQ.name())).isEqualTo(1);
    assertThat(ehr.resourceCount("Task") + ehr.resourceCount("DocumentReference"))
        .isEqualTo(count(Topics.EHR_OUTCOMES.name()));
    for (Role role : Role.values()) {
      if (role != Role.AUDIT_ARCHIVER) {
        assertThat(BY_ROLE.get(role).states().values()).as(role.id()).containsOnly(KafkaStreams.State.RUNNING);
      }
    }
    assertThat(BY_ROLE.get(Role.AUDIT_ARCHIVER).archiver().failure()).isNull();
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

  private static CommonConfig admin() {
    Map<String, String> s = new HashMap<>(BASE);
    s.putAll(security.scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    return new CommonConfig(Settings.of(s));
  }

  private static CommonConfig roleConfig(Role role) {
    return new CommonConfig(Settings.of(roleSettings(role)));
  }

  private static Map<String, String> roleSettings(Role role) {
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    String principal = role.config(defaults).applicationId();
    Map<String, String> s = new HashMap<>(BASE);
    s.putAll(OVER_MTLS.contains(role) ? security.tlsClient(principal, kafka.tlsBootstrapServers())
        : security.scramClient(principal, kafka.bootstrapServers()));
    return s;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, String> credentials) {
    Properties props = BrokerSecurity.clientProperties(credentials);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static long audits(String step) {
    return read(Topics.AUDIT_EVENTS.name()).stream().map(r -> serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer()
        .deserialize(r.topic(), r.value())).filter(e -> e.getSubtype().equals(step)).count();
  }

  private static int count(String topic) {
    return read(topic).size();
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    Properties props = BrokerSecurity.clientProperties(security.scramClient(BrokerSecurity.ADMIN,
        kafka.bootstrapServers()));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CommonConfig.defaultMaxMessageBytes());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
