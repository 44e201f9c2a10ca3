package org.phigate.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.demo.TopicReader;
import org.phigate.demo.WorkDirectory;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.review.auth.DecisionMac;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.DecisionType;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

/**
 * The whole pipeline on a KRaft broker that enforces SASL_SSL, mTLS and the planned ACLs: the operator's path
 * ({@code phigate acl apply} with the admin's config file), then one process per zone as {@code phigate run} wants it,
 * each role logging in as its own principal (intake, deid and review over SCRAM, the others over mTLS), with the
 * embedded registry and FHIR server. Its state directory (Streams state, archive, audit signing key, admin config)
 * is deleted on close.
 */
public final class SecurePipeline implements AutoCloseable {
  /** The roles that log in with a client certificate; the others use SCRAM. */
  public static final Set<Role> OVER_MTLS = Set.of(Role.INFERENCE, Role.WRITEBACK, Role.AUDIT_ARCHIVER);
  // intake and deid share the PHI zone's process, each still logging in as its own principal (deid through
  // role.deid.kafka.*)
  private static final List<List<Role>> PROCESSES = List.of(List.of(Role.INTAKE, Role.DEID), List.of(Role.INFERENCE),
      List.of(Role.REVIEW), List.of(Role.WRITEBACK), List.of(Role.AUDIT_ARCHIVER));

  private final String name;
  private final Path state;
  private final String macKey = Keys.randomBase64();
  private final Map<String, String> base = new HashMap<>();
  private final List<PipelineRuntime> runtimes = new ArrayList<>();
  private final Map<Role, PipelineRuntime> byRole = new LinkedHashMap<>();
  private final Closer services = new Closer();
  private EmbeddedKafkaBroker kafka;
  private BrokerSecurity security;
  private EmbeddedFhirServer ehr;
  private TopicSerdes serdes;
  private CliRun applied;

  private SecurePipeline(String name) throws IOException {
    this.name = name;
    this.state = Files.createTempDirectory("phigate-" + name);
  }

  /**
   * Starts broker, registry, EHR and every role under {@code tenant}, with {@code extra} settings for every role;
   * whatever started is stopped again when a step fails.
   */
  public static SecurePipeline start(String name, String tenant, String instanceAddress, Map<String, String> extra)
      throws Exception {
    SecurePipeline pipeline = new SecurePipeline(name);
    try {
      pipeline.startServices(tenant, instanceAddress, extra);
      pipeline.applyAcls();
      pipeline.startRoles();
      return pipeline;
    } catch (Exception | AssertionError e) {
      try {
        pipeline.close();
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private void startServices(String tenant, String instanceAddress, Map<String, String> extra) throws IOException {
    List<String> principals = new ArrayList<>();
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    for (Role role : Role.values()) {
      principals.add(role.config(defaults).applicationId());
    }
    kafka = services.add(EmbeddedKafkaBroker.startSecure(principals));
    security = kafka.security();
    EmbeddedSchemaRegistry registry = services.add(EmbeddedSchemaRegistry.start());
    ehr = services.add(EmbeddedFhirServer.start());
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
    base.putAll(Map.of(
        CommonConfig.REGISTRY_URL.name(), registry.url(),
        CommonConfig.TENANT.name(), tenant,
        CommonConfig.INSTANCE_ADDRESS.name(), instanceAddress,
        CommonConfig.STATE_DIR.name(), state.resolve("state").toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        "archiver.dir", state.resolve("archive").toString()));
    base.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    base.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    base.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    base.put(ReviewConfig.MAC_KEY.name(), macKey);
    SigningKeys.write(SigningKeys.generate(), state.resolve("audit-signing.key"), state.resolve("audit-signing.pub"));
    base.put("archiver.signing.key.file", state.resolve("audit-signing.key").toString());
    base.putAll(extra);
  }

  /** The operator's path: a config file naming the admin's secret files, then `phigate acl apply`. */
  private void applyAcls() throws IOException {
    TopicProvisioner.ensureTopics(admin());
    Path adminConfig = adminConfigFile();
    Properties file = new Properties();
    file.putAll(security.scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    try (OutputStream out = Files.newOutputStream(adminConfig)) {
      file.store(out, name + " admin");
    }
    applied = CliRun.of("acl", "apply", "--config", adminConfig.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("acl", "verify", "--config", adminConfig.toString())
        .exit() == 0);
  }

  private void startRoles() {
    for (List<Role> process : PROCESSES) {
      Map<String, String> settings = new HashMap<>(roleSettings(process.get(0)));
      if (process.contains(Role.DEID)) {
        settings.put(Settings.rolePrefix("deid") + "sasl.jaas.config.file",
            security.scramClient("phigate-deid", kafka.bootstrapServers()).get("kafka.sasl.jaas.config.file"));
      }
      PipelineRuntime runtime = PipelineRuntime.start(process, new CommonConfig(Settings.of(settings)), serdes,
          Clock.systemUTC());
      runtimes.add(runtime);
      process.forEach(role -> byRole.put(role, runtime));
    }
    for (PipelineRuntime runtime : runtimes) {
      runtime.awaitRunning(Duration.ofMinutes(2));
    }
  }

  public EmbeddedKafkaBroker kafka() {
    return kafka;
  }

  public BrokerSecurity security() {
    return security;
  }

  public EmbeddedFhirServer ehr() {
    return ehr;
  }

  public TopicSerdes serdes() {
    return serdes;
  }

  /** The temporary directory of this run (deleted on close). */
  public Path state() {
    return state;
  }

  /** The admin's client config file that `phigate acl apply|verify --config` read. */
  public Path adminConfigFile() {
    return state.resolve("admin.properties");
  }

  /** What `phigate acl apply` printed at start. */
  public CliRun applied() {
    return applied;
  }

  /** The process that runs {@code role}. */
  public PipelineRuntime runtime(Role role) {
    return byRole.get(role);
  }

  /** Closes every role (transactions committed or aborted); the broker, registry and EHR keep running. */
  public void closeRoles() {
    runtimes.forEach(PipelineRuntime::close);
    runtimes.clear();
    byRole.clear();
  }

  /** The settings of every role with the admin's credentials (the superuser). */
  public CommonConfig admin() {
    Map<String, String> s = new HashMap<>(base);
    s.putAll(security.scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    return new CommonConfig(Settings.of(s));
  }

  public CommonConfig roleConfig(Role role) {
    return new CommonConfig(Settings.of(roleSettings(role)));
  }

  /** The settings of every role with {@code role}'s own principal: a client certificate or SCRAM. */
  public Map<String, String> roleSettings(Role role) {
    String principal = role.config(new CommonConfig(Settings.of(Map.of()))).applicationId();
    Map<String, String> s = new HashMap<>(base);
    s.putAll(OVER_MTLS.contains(role) ? security.tlsClient(principal, kafka.tlsBootstrapServers())
        : security.scramClient(principal, kafka.bootstrapServers()));
    return s;
  }

  /** Publishes the inputs to the raw topic as an integration engine would, under the intake principal. */
  public void publish(List<SampleInput> inputs) throws Exception {
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(roleConfig(Role.INTAKE))
        .create(new StringSerializer(), new ByteArraySerializer())) {
      for (SampleInput input : inputs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes());
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Approves every pending review item as {@code reviewer}, signed as the reviewer API signs (the review role refuses
   * unsigned decisions); returns their review ids.
   */
  public Set<String> approveAll(String reviewer, String issuer) throws Exception {
    Set<String> reviewIds = new LinkedHashSet<>();
    read(Topics.REVIEW_PENDING.name()).forEach(r -> reviewIds.add(((ReviewItem) serdes.valueSerde(
        Topics.REVIEW_PENDING).deserializer().deserialize(r.topic(), r.value())).getReviewId()));
    DecisionMac signer = new DecisionMac(Base64.getDecoder().decode(macKey));
    try (KafkaProducer<String, ReviewDecision> producer = ProducerFactory.of(admin()).create(new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (String reviewId : reviewIds) {
        producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, signer.sign(
            ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
                .setReviewer(reviewer).setReviewerRole("attending").setIssuer(issuer)
                .setDecidedAt(Instant.now()).build()))).get(30, TimeUnit.SECONDS);
      }
    }
    return reviewIds;
  }

  /** How many audit events of this subtype the topic holds. */
  public long audits(String step) {
    return read(Topics.AUDIT_EVENTS.name()).stream().map(r -> serdes.valueSerde(Topics.AUDIT_EVENTS).deserializer()
        .deserialize(r.topic(), r.value())).filter(e -> e.getSubtype().equals(step)).count();
  }

  /** How many committed records the topic holds. */
  public int count(String topic) {
    return read(topic).size();
  }

  /** Every committed record of the topic, read as the admin. */
  public List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (TopicReader reader = new TopicReader(BrokerSecurity.clientProperties(security.scramClient(
        BrokerSecurity.ADMIN, kafka.bootstrapServers())))) {
      reader.readAll(topic, out::add);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      closeRoles();
      services.close();
    } finally {
      WorkDirectory.delete(state);
    }
  }
}
