package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.WritebackConfig;
import org.phigate.config.Settings;
import org.phigate.deid.DeidTopology;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.demo.DemoCharts;
import org.phigate.demo.DemoClients;
import org.phigate.demo.PipelineObserver;
import org.phigate.demo.SampleInput;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.PhiStrings;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.OpsServer;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

/**
 * Every role on the real KRaft broker with the real Apicurio registry and the HAPI FHIR stand-in EHR: the shipped
 * samples plus malformed HL7 v2 and FHIR go in; dead letters, de-identified events, AI results, held reviews and
 * EHR writes come out, with no PHI outside the PHI zone and no stage down.
 */
class PipelineIT {
  private static final String PHI_NAME = "Zebulonia Quixtrot";
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedFhirServer ehr;
  private static PipelineRuntime runtime;
  private static PipelineObserver observer;
  private static TopicSerdes serdes;
  private static List<SampleInput> inputs;
  private static CommonConfig common;

  @BeforeAll
  static void startPipeline() throws Exception {
    kafka = SharedServices.kafka();
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    ehr = EmbeddedFhirServer.start();
    Path state = Files.createTempDirectory("phigate-it-state");
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.REGISTRY_URL.name(), registryUrl,
        CommonConfig.TENANT.name(), "it-hospital",
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        "archiver.dir", state.resolve("archive").toString()));
    settings.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    settings.put(org.phigate.config.ReviewConfig.MAC_KEY.name(), Keys.randomBase64());
    org.phigate.audit.archive.SigningKeys.write(org.phigate.audit.archive.SigningKeys.generate(),
        state.resolve("audit-signing.key"), state.resolve("audit-signing.pub"));
    settings.put("archiver.signing.key.file", state.resolve("audit-signing.key").toString());
    common = new CommonConfig(Settings.of(settings));
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.values()), common, serdes, Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    // the broker is shared with the other ITs of this JVM (ArchiverStopIT writes 600 writeback.create events,
    // ArchiverCrashIT deid.redact ones): this test counts only what is written after its observer started
    writeEarlierTestsAuditEvents();
    observer = new PipelineObserver(kafka.bootstrapServers(), serdes).startFromNow();

    inputs = new ArrayList<>(SampleInput.shipped());
    inputs.add(new SampleInput("it-malformed.hl7", ("MSH|^~\\&|LAB\rPID|1||77^^^MR||" + PHI_NAME.replace(' ', '^')
        + "\r").getBytes(StandardCharsets.UTF_8), "application/hl7-v2"));
    inputs.add(new SampleInput("it-malformed.json", ("{\"resourceType\": \"Patient\", \"name\": [{\"text\": \""
        + PHI_NAME + "\"}]").getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
    DemoCharts.register(ehr, WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    DemoClients.publish(kafka.bootstrapServers(), inputs);
  }

  @AfterAll
  static void stop() {
    if (observer != null) {
      observer.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void shouldCarryEveryInputThroughEveryStageWithoutLossOrPhiLeak() throws InterruptedException {
    int n = inputs.size();
    Duration stage = Duration.ofMinutes(3);
    awaitSame(stage, () -> observer.auditCount("intake.normalize") + observer.auditCount("intake.reject"), () -> n);
    awaitSame(stage, () -> observer.auditCount("deid.redact"), () -> observer.auditCount("intake.normalize"));
    awaitSame(stage, () -> observer.auditCount("inference.run"), () -> observer.auditCount("deid.redact"));
    // every inference transaction is committed now: once read to the end, the AI result count is final too (the
    // inference.run events may be read before the results they committed with, and a lagging count is met early)
    assertThat(observer.awaitCaughtUp(stage)).as("observer caught up").isTrue();
    awaitSame(stage, () -> observer.auditCount("review.hold"), () -> observer.count(Topics.AI_RESULTS));
    // likewise every pending item committed with its review.hold event
    assertThat(observer.awaitCaughtUp(stage)).as("observer caught up").isTrue();

    // nothing reaches the EHR before a decision
    assertThat(ehr.resourceCount("Task")).isZero();
    // two inputs with the same source message id are one event, held (twice) under one review id
    List<ReviewItem> pending = List.copyOf(observer.pendingItems().stream().collect(java.util.stream.Collectors
        .toMap(ReviewItem::getReviewId, i -> i, (a, b) -> a, java.util.LinkedHashMap::new)).values());
    assertThat(pending).isNotEmpty();
    DemoClients.approveAll(kafka.bootstrapServers(), serdes, pending, "it-reviewer", "reviewer",
        new org.phigate.review.auth.DecisionMac(new org.phigate.config.ReviewConfig(common).macKey()));
    awaitSame(stage, () -> observer.auditCount("writeback.create"), () -> (long) pending.size());

    assertThat(observer.count(Topics.INTAKE_DLQ)).isEqualTo(3);
    assertThat(observer.count(Topics.EVENTS_NORMALIZED)).isEqualTo(n - 3);
    assertThat(observer.count(Topics.EVENTS_DEIDENTIFIED)).isEqualTo(n - 3);
    // the one shipped result without any patient identifier (DiagnosticReport-gingival-mass) matches no chart:
    // it is dead-lettered, never written to a chart
    List<WritebackOutcome> ehrDead = read(Topics.EHR_DLQ);
    assertThat(ehrDead).extracting(WritebackOutcome::getReason).containsExactly("PATIENT_NOT_FOUND");
    int written = pending.size() - ehrDead.size();
    assertThat(observer.count(Topics.EHR_OUTCOMES)).isEqualTo(written);
    // one Bundle per item: a Task (triage, follow-up) or a DocumentReference (note summary), and its Provenance
    assertThat(ehr.resourceCount("Task") + ehr.resourceCount("DocumentReference")).isEqualTo(written);
    assertThat(ehr.resourceCount("Provenance")).isEqualTo(written);
    assertThat(runtime.states().values()).containsOnly(KafkaStreams.State.RUNNING);

    List<IntakeFailure> dlq = read(Topics.INTAKE_DLQ);
    assertThat(dlq).extracting(IntakeFailure::getSourceMessageId)
        .contains(common.sourceIds().of("it-hospital", "it-malformed.hl7"),
            common.sourceIds().of("it-hospital", "it-malformed.json"))
        .noneMatch(id -> id.contains("it-malformed"));
    assertThat(dlq).allSatisfy(f -> {
      assertThat(f.getReasonCode()).isNotBlank();
      assertThat(f.getReasonMessage()).doesNotContain("Zebulonia").doesNotContain("Quixtrot");
    });

    Set<String> phi = PhiStrings.of(inputs);
    for (Topic<String, ?> topic : List.of(Topics.EVENTS_DEIDENTIFIED, Topics.AI_RESULTS, Topics.REVIEW_PENDING,
        Topics.AUDIT_EVENTS, Topics.EHR_OUTCOMES, Topics.INTAKE_DLQ)) {
      String records = read(topic).toString();
      assertThat(PhiStrings.foundIn(records, phi)).as("PHI in " + topic.name()).isEmpty();
      assertThat(records).as(topic.name()).doesNotContain("Zebulonia");
    }
    // the deid role's known-identifier changelog and by-patient repartition: patient tokens and ciphertext only
    String changelog = "phigate-deid-" + KnownIdentifierStore.STORE + "-changelog";
    for (String internal : List.of(changelog, "phigate-deid-" + DeidTopology.EVENTS_BY_PATIENT + "-repartition")) {
      StringBuilder bytes = new StringBuilder();
      int count;
      try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
        count = reader.readAll(internal, r -> bytes.append(new String(r.key(), StandardCharsets.UTF_8)).append('|')
            .append(r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1)).append('\n'));
      }
      assertThat(count > 0 || !internal.equals(changelog)).as(internal + " has records").isTrue();
      assertThat(PhiStrings.foundIn(bytes.toString(), phi)).as("PHI in " + internal).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterAPoisonPillAndKeepEveryRoleRunning() throws Exception {
    long before = observer.count(Topics.POISON_DLQ);
    try (var producer = ProducerFactory.of(kafka.bootstrapServers()).create(
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.REVIEW_DECISIONS.name(),
          "rv-poison", "not avro".getBytes(StandardCharsets.UTF_8))).get();
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> observer.count(Topics.POISON_DLQ) == before + 1);
    assertThat(runtime.states().values()).containsOnly(KafkaStreams.State.RUNNING);
  }

  @Test
  void shouldReportHealthAndPrometheusMetricsForEveryRole() throws Exception {
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0, runtime)) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ops.url() + "/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"inference\":\"RUNNING\"");
      java.util.concurrent.Callable<String> scrape = () -> http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(ops.url() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
      // step counters appear as soon as the roles have handled a record (this test may run first)
      await().atMost(Duration.ofMinutes(2)).until(() -> scrape.call().contains("phigate_phi_findings_total{"));
      String metrics = scrape.call();
      assertThat(metrics).contains("kafka_stream_").contains("jvm_memory_used_bytes")
          .contains("phigate_stage_events_total{").contains("step=\"intake.normalize\"");
      assertThat(PhiStrings.foundIn(metrics, PhiStrings.of(inputs))).as("PHI in metrics").isEmpty();
    }
  }

  /** What an earlier IT on the shared broker leaves on the audit topic: one event of every step this test counts. */
  private static void writeEarlierTestsAuditEvents() throws Exception {
    AuditEvents audit = new AuditEvents("writeback", "service:earlier-it", "earlier-it/writeback", Clock.systemUTC());
    try (KafkaProducer<String, AuditEvent> producer = ProducerFactory.of(kafka.bootstrapServers())
        .create(new StringSerializer(), serdes.valueSerde(Topics.AUDIT_EVENTS).serializer())) {
      for (String step : List.of("intake.normalize", "deid.redact", "inference.run", "review.hold",
          "writeback.create")) {
        producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), "ev-earlier-it",
            audit.event(step, AuditAction.C, "ev-earlier-it").build())).get();
      }
    }
  }

  private static <V> List<V> read(Topic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
      reader.readAll(topic.name(), r -> values.add(serdes.valueSerde(topic).deserializer()
          .deserialize(r.topic(), r.value())));
    }
    return values;
  }

  /** Waits until both counts agree; a timeout names both, every audit step's count and the EHR outcomes so far. */
  private static void awaitSame(Duration stage, java.util.function.LongSupplier actual,
                                java.util.function.LongSupplier expected) {
    await().atMost(stage).untilAsserted(() -> assertThat(actual.getAsLong())
        .as("audit steps %s, pending items %d, EHR outcomes %s", observer.auditSteps(),
            observer.pendingItems().size(), observer.ehrStatuses())
        .isEqualTo(expected.getAsLong()));
  }
}
