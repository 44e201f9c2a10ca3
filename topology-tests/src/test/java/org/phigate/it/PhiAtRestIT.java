package org.phigate.it;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.config.WritebackConfig;
import org.phigate.demo.DemoCharts;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.BrokerSecurity;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.it.support.PhiNeedles;
import org.phigate.it.support.PlaintextScan;
import org.phigate.it.support.SharedData;
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
import org.phigate.testing.CapturedOutput;

/**
 * No plaintext PHI at rest outside {@code phigate.intake.raw}: the whole pipeline runs over the shared samples (the
 * demo's inputs and every HL7 v2 and FHIR file of {@code shared/data}) on a real KRaft broker that enforces SASL_SSL,
 * mTLS and the planned ACLs (one process per zone, each role its own principal, as in {@link SecureBrokerIT}); once
 * every input reached review, the EHR or a dead-letter topic, every file in the broker's log directory (segments,
 * indexes, snapshots, internal and changelog topics) is searched byte for byte for every PHI value fed in, and so is
 * every log line all roles wrote. A hit names the topic and the category, never the value.
 */
class PhiAtRestIT {
  private static final Duration STAGE = Duration.ofMinutes(5);
  private static final Set<Role> OVER_MTLS = Set.of(Role.INFERENCE, Role.WRITEBACK, Role.AUDIT_ARCHIVER);
  private static final String MAC_KEY = Keys.randomBase64();

  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedSchemaRegistry registry;
  private static EmbeddedFhirServer ehr;
  private static BrokerSecurity security;
  private static TopicSerdes serdes;
  private static Path state;
  private static CapturedOutput logs;
  private static final Map<String, String> BASE = new HashMap<>();
  private static final List<PipelineRuntime> RUNTIMES = new ArrayList<>();
  /**
   * The de-identified events and the internal topics that hold copies of them (the inference role's pending store,
   * the review role's source store and its repartition topic): PHI there is a de-identification miss, which
   * {@link #shouldLeaveNoInputPhiInTheDeidentifiedEvents} checks apart from PHI at rest in sealed topics.
   */
  private static final Set<String> DEIDENTIFIED_COPIES = Set.of(Topics.EVENTS_DEIDENTIFIED.name(),
      "phigate-inference-inference-pending-store-changelog", "phigate-review-review-source-store-changelog",
      "phigate-review-review-sources-by-review-id-repartition");
  private static List<PlaintextScan.Hit> hits;
  private static List<String> lines;
  private static final Map<String, Set<String>> logHits = new TreeMap<>();

  @BeforeAll
  static void startSecurePipeline() throws Exception {
    logs = new CapturedOutput();
    state = Files.createTempDirectory("phigate-phi-at-rest-it");
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
        CommonConfig.TENANT.name(), "at-rest-hospital",
        CommonConfig.INSTANCE_ADDRESS.name(), "192.0.2.21",
        CommonConfig.STATE_DIR.name(), state.resolve("state").toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        "archiver.dir", state.resolve("archive").toString()));
    BASE.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    BASE.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    BASE.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    BASE.put(CommonConfig.REVIEW_KEY.name(), Keys.randomBase64());
    BASE.put(ReviewConfig.MAC_KEY.name(), MAC_KEY);
    org.phigate.audit.archive.SigningKeys.write(org.phigate.audit.archive.SigningKeys.generate(),
        state.resolve("audit-signing.key"), state.resolve("audit-signing.pub"));
    BASE.put("archiver.signing.key.file", state.resolve("audit-signing.key").toString());

    TopicProvisioner.ensureTopics(admin());
    Path adminConfig = state.resolve("admin.properties");
    Properties file = new Properties();
    file.putAll(security.scramClient(BrokerSecurity.ADMIN, kafka.bootstrapServers()));
    try (OutputStream out = Files.newOutputStream(adminConfig)) {
      file.store(out, "phi-at-rest IT admin");
    }
    CliRun applied = CliRun.of("acl", "apply", "--config", adminConfig.toString());
    assertThat(applied.exit()).as(applied.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> CliRun.of("acl", "verify", "--config", adminConfig.toString())
        .exit() == 0);

    for (List<Role> process : List.of(List.of(Role.INTAKE, Role.DEID), List.of(Role.INFERENCE),
        List.of(Role.REVIEW), List.of(Role.WRITEBACK), List.of(Role.AUDIT_ARCHIVER))) {
      Map<String, String> settings = new HashMap<>(roleSettings(process.get(0)));
      if (process.contains(Role.DEID)) {
        settings.put(Settings.rolePrefix("deid") + "sasl.jaas.config.file",
            security.scramClient("phigate-deid", kafka.bootstrapServers()).get("kafka.sasl.jaas.config.file"));
      }
      RUNTIMES.add(PipelineRuntime.start(process, new CommonConfig(Settings.of(settings)), serdes,
          Clock.systemUTC()));
    }
    for (PipelineRuntime runtime : RUNTIMES) {
      runtime.awaitRunning(Duration.ofMinutes(2));
    }
  }

  @AfterAll
  static void stop() throws IOException {
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
    if (logs != null) {
      logs.close();
    }
    if (state != null) {
      // Streams state, the archive and the audit signing key of this run
      org.phigate.demo.WorkDirectory.delete(state);
    }
  }

  /** Runs every input through the pipeline and scans the broker's files and the log lines once for all tests. */
  private static synchronized void runAndScan() throws Exception {
    if (hits != null) {
      return;
    }
    List<SampleInput> inputs = inputs();
    Map<String, String> phi = PhiNeedles.of(inputs);
    PlaintextScan scan = new PlaintextScan(phi);
    assertThat(phi).hasSizeGreaterThan(500);

    DemoCharts.register(ehr, WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(roleConfig(Role.INTAKE))
        .create(new StringSerializer(), new ByteArraySerializer())) {
      for (SampleInput input : inputs) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INTAKE_RAW.name(), input.name(),
            input.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes());
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
    }
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("intake.normalize")
        + audits("intake.reject") + audits("intake.duplicate") == inputs.size());
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("deid.redact")
        + count(Topics.POISON_DLQ.name()) >= audits("intake.normalize"));
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("inference.run")
        >= audits("deid.redact"));
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("review.hold")
        >= count(Topics.AI_RESULTS.name()));
    Set<String> reviewIds = approveAll();
    assertThat(reviewIds).isNotEmpty();
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> count(Topics.EHR_OUTCOMES.name())
        + count(Topics.EHR_DLQ.name()) >= reviewIds.size());
    // every transaction is committed or aborted: the segment files hold all the roles ever wrote, and the scan reads
    // them as the broker keeps them on disk (files, not fetches, so aborted records are searched too)
    RUNTIMES.forEach(PipelineRuntime::close);
    RUNTIMES.clear();

    hits = scan.scanLogDirs(kafka.dataDir().resolve("logs"));
    System.out.println("[phi-at-rest] " + inputs.size() + " inputs, " + phi.size() + " PHI values ("
        + scan.patterns() + " byte patterns); topics holding plaintext PHI -> categories: " + byTopic(hits));
    lines = logs.logLines();
    for (String line : lines) {
      Set<String> categories = scan.categoriesInText(line);
      if (!categories.isEmpty()) {
        // the logger's name only: the line itself holds the PHI
        logHits.computeIfAbsent(line.substring(0, Math.max(0, line.indexOf(' '))), l -> new TreeSet<>())
            .addAll(categories);
      }
    }
    System.out.println("[phi-at-rest] " + lines.size() + " log lines; loggers with PHI -> categories: " + logHits);
  }

  @Test
  void shouldFindTheInputsInTheRawTopicSoTheScanSeesWhatTheBrokerWrote() throws Exception {
    runAndScan();
    assertThat(byTopic(hits)).containsKey(Topics.INTAKE_RAW.name());
    assertThat(byTopic(hits).get(Topics.INTAKE_RAW.name())).contains("NAME", "MRN", "DATE", "GEO", "PHONE");
  }

  @Test
  void shouldHoldNoPlaintextPhiInAnySealedInternalOrOutputTopic() throws Exception {
    runAndScan();
    assertThat(hits.stream().filter(h -> !h.topic().equals(Topics.INTAKE_RAW.name())
            && !DEIDENTIFIED_COPIES.contains(h.topic())).toList())
        .as("plaintext PHI at rest outside " + Topics.INTAKE_RAW.name() + " (topic (file): category)").isEmpty();
  }

  @Test
  void shouldKeepNoPhiInTheStoresAndRepartitionTopicsThatCopyDeidentifiedEventsBeyondWhatTheEventsHold()
      throws Exception {
    runAndScan();
    Set<Integer> inEvents = new TreeSet<>();
    hits.stream().filter(h -> h.topic().equals(Topics.EVENTS_DEIDENTIFIED.name())).forEach(h -> inEvents.add(
        h.valueId()));
    assertThat(hits.stream().filter(h -> DEIDENTIFIED_COPIES.contains(h.topic()) && !inEvents.contains(h.valueId()))
        .toList()).as("PHI in a copy of the de-identified events that the events themselves do not hold").isEmpty();
  }

  @Test
  void shouldLeaveNoInputPhiInTheDeidentifiedEvents() throws Exception {
    runAndScan();
    assertThat(hits.stream().filter(h -> DEIDENTIFIED_COPIES.contains(h.topic())).toList())
        .as("input PHI left in de-identified events (topic (file): category)").isEmpty();
  }

  @Test
  void shouldWriteNoInputPhiInAnyLogLineOfAnyRole() throws Exception {
    runAndScan();
    assertThat(lines).isNotEmpty();
    assertThat(logHits).as("PHI in log lines (logger: categories)").isEmpty();
  }

  private static Map<String, Set<String>> byTopic(List<PlaintextScan.Hit> found) {
    Map<String, Set<String>> out = new TreeMap<>();
    found.forEach(h -> out.computeIfAbsent(h.topic(), t -> new TreeSet<>()).add(h.category()));
    return out;
  }

  /** The demo's inputs and every HL7 v2 and FHIR file under shared/data not already among them. */
  private static List<SampleInput> inputs() throws IOException {
    Map<String, SampleInput> byName = new LinkedHashMap<>();
    SampleInput.shipped().forEach(s -> byName.put(s.name(), s));
    for (String set : List.of("hl7v2", "fhir")) {
      Path dir = SharedData.find(set).orElse(null);
      if (dir == null) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = set + "/" + dir.relativize(f).toString().replace("fhir-r4-files/", "");
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          // package.json is the examples' npm manifest, configuration-sample-R4.json an anonymizer rule set
          if ((lower.endsWith(".hl7") || lower.endsWith(".json")) && !lower.endsWith("package.json")
              && !lower.contains("configuration-sample")) {
            byName.putIfAbsent(name, new SampleInput(name, Files.readAllBytes(f), lower.endsWith(".hl7")
                ? "application/hl7-v2" : "application/fhir+json"));
          }
        }
      }
    }
    return List.copyOf(byName.values());
  }

  private static Set<String> approveAll() throws Exception {
    Set<String> reviewIds = new LinkedHashSet<>();
    read(Topics.REVIEW_PENDING.name()).forEach(r -> reviewIds.add(((ReviewItem) serdes.valueSerde(
        Topics.REVIEW_PENDING).deserializer().deserialize(r.topic(), r.value())).getReviewId()));
    DecisionMac signer = new DecisionMac(java.util.Base64.getDecoder().decode(MAC_KEY));
    try (KafkaProducer<String, ReviewDecision> producer = ProducerFactory.of(admin()).create(new StringSerializer(),
        serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer())) {
      for (String reviewId : reviewIds) {
        producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, signer.sign(
            ReviewDecision.newBuilder().setReviewId(reviewId).setDecision(DecisionType.APPROVE)
                .setReviewer("at-rest-it-reviewer").setReviewerRole("attending")
                .setIssuer("https://issuer.at-rest-it.test").setDecidedAt(Instant.now()).build())))
            .get(30, TimeUnit.SECONDS);
      }
    }
    return reviewIds;
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
