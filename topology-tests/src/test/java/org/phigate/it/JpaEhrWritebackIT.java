package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.config.WritebackConfig;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.FieldCipher;
import org.phigate.security.Keys;

/**
 * The write-back role on the real KRaft broker and registry against a real HAPI FHIR JPA server (H2 on disk) in its
 * own JVM: approved items become Tasks found by {@code Task?identifier=}, addressed to the re-identified patient and
 * carrying the re-identified text; a replayed approval adds no second Task; the Tasks survive the server being killed
 * with SIGKILL and restarted on the same database, and the restarted server takes the next write.
 */
class JpaEhrWritebackIT {
  private static final String TENANT = "it-hospital";
  private static final String NAME = "Ottoline Varnavides";
  private static final String NAME_TOKEN = "[NAME-7c1d2e3f]";
  private static final String PATIENT_TOKEN = "PT-2b3c4d5e6f70";
  private static final String MRN = "MRN-JPA-551200";
  private static EmbeddedKafkaBroker kafka;
  private static JpaFhirServerProcess ehr;
  private static PipelineRuntime runtime;
  private static TopicSerdes serdes;
  private static CommonConfig common;
  private static IGenericClient fhir;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("phigate-jpa-ehr-it");
    ehr = JpaFhirServerProcess.start(dir.resolve("ehr"));
    kafka = EmbeddedKafkaBroker.start();
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    common = new CommonConfig(Settings.of(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.REGISTRY_URL.name(), registryUrl,
        CommonConfig.TENANT.name(), TENANT,
        CommonConfig.STATE_DIR.name(), dir.resolve("state").toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.VAULT_KEY.name(), Keys.randomBase64(),
        WritebackConfig.FHIR_BASE.name(), ehr.baseUrl(),
        // the JPA server's first writes (JIT-cold, on a busy machine) take seconds
        WritebackConfig.TIMEOUT.name(), "60000")));
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.WRITEBACK), common, serdes, Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    FhirContext context = FhirContext.forR4Cached();
    context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    context.getRestfulClientFactory().setSocketTimeout(60_000);
    fhir = context.newRestfulGenericClient(ehr.baseUrl());
  }

  @AfterAll
  static void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void shouldWriteTasksFoundByIdentifierOnceAndKeepThemAcrossAKilledServer() throws Exception {
    FieldCipher vault = common.vaultCipher();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, Topics.PHI_VAULT, PATIENT_TOKEN, entry(PATIENT_TOKEN, PhiCategory.MRN, MRN, vault));
      send(producer, Topics.PHI_VAULT, NAME_TOKEN, entry(NAME_TOKEN, PhiCategory.NAME, NAME, vault));
      producer.flush();
      for (String id : List.of("rv-jpa-1", "rv-jpa-2", "rv-jpa-3")) {
        send(producer, Topics.REVIEW_APPROVED, id, approved(id));
      }
      // the same approval again, as a replay would send it
      send(producer, Topics.REVIEW_APPROVED, "rv-jpa-2", approved("rv-jpa-2"));
    }
    await().atMost(Duration.ofMinutes(3)).until(() -> read(Topics.EHR_OUTCOMES).size() == 4);
    assertThat(read(Topics.EHR_DLQ)).isEmpty();

    for (String id : List.of("rv-jpa-1", "rv-jpa-2", "rv-jpa-3")) {
      List<Task> found = tasksByIdentifier(id);
      assertThat(found).as("Tasks with identifier " + id).hasSize(1);
      Task task = found.get(0);
      assertThat(task.getFor().getIdentifier().getValue()).isEqualTo(MRN);
      assertThat(task.getDescription()).contains(NAME).doesNotContain(NAME_TOKEN);
    }
    assertThat(ehr.resourceCount("Task")).isEqualTo(3);

    ehr.kill();
    assertThat(ehr.isAlive()).isFalse();
    ehr.restart();
    assertThat(ehr.resourceCount("Task")).as("Tasks after kill -9 and restart").isEqualTo(3);

    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, Topics.REVIEW_APPROVED, "rv-jpa-4", approved("rv-jpa-4"));
    }
    await().atMost(Duration.ofMinutes(3)).until(() -> read(Topics.EHR_OUTCOMES).size() == 5);
    assertThat(tasksByIdentifier("rv-jpa-4")).hasSize(1);
    assertThat(ehr.resourceCount("Task")).isEqualTo(4);
  }

  private static List<Task> tasksByIdentifier(String reviewId) {
    Bundle bundle = fhir.search().forResource(Task.class)
        .where(Task.IDENTIFIER.exactly().systemAndCode(WritebackConfig.IDENTIFIER_SYSTEM.defaultValue(), reviewId))
        .returnBundle(Bundle.class).execute();
    return bundle.getEntry().stream().map(e -> (Task) e.getResource()).toList();
  }

  private static VaultEntry entry(String token, PhiCategory category, String original, FieldCipher cipher) {
    return VaultEntry.newBuilder().setToken(token).setTenant(TENANT).setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-vault")
        .setCreatedAt(Instant.now()).build();
  }

  private static ApprovedResult approved(String reviewId) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId)
        .setTenant(TENANT).setWorkflow("message-triage").setPatientToken(PATIENT_TOKEN).setModelId("m")
        .setModelVersion("1").setLabel("urgent-clinical").setConfidence(0.9)
        .setDraftText("Call " + NAME_TOKEN + " today.").setHeldAt(Instant.now()).setStatus(ReviewStatus.APPROVED)
        .build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-it").setReviewerRole("attending")
        .setDecidedAt(Instant.now()).build());
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value)
      throws Exception {
    Serializer<String> keys = serdes.keySerde(topic).serializer();
    Serializer<V> values = serdes.valueSerde(topic).serializer();
    producer.send(new ProducerRecord<>(topic.name(), keys.serialize(topic.name(), key),
        values.serialize(topic.name(), value))).get();
  }

  private static <V> List<V> read(Topic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
      reader.readAll(topic.name(), r -> values.add(serdes.valueSerde(topic).deserializer()
          .deserialize(r.topic(), r.value())));
    }
    return values;
  }
}
