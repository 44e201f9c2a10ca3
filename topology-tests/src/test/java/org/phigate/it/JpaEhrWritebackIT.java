package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
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
import org.phigate.demo.SampleInput;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.it.support.SharedServices;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.Keys;
import org.phigate.security.VaultKeys;
import org.phigate.streams.StreamsProperties;
import org.phigate.writeback.fhir.R4BaseValidator;
import org.phigate.writeback.fhir.WritebackSamples;

/**
 * Write-back against a real HAPI FHIR JPA server (H2 on disk) in its own JVM, on the real KRaft broker and registry.
 * Shipped HL7 v2 samples go through the intake and deid topologies, so the vault holds what deid really writes;
 * each patient's chart is registered on the JPA server (write-back matches by MRN); approved items of the three
 * workflows then come back through FHIR search as the right resources with their AI Provenance, and validate
 * against the R4 base profiles. The server killed with SIGKILL in the middle of a batch and restarted on the same
 * database loses and duplicates nothing (counted by identifier).
 */
class JpaEhrWritebackIT {
  private static final String TENANT = "it-jpa-hospital";
  private static final String REVIEW = WritebackConfig.IDENTIFIER_SYSTEM.defaultValue();
  private static final String AIAST = "AIAST";
  private static final int BATCH = 150;
  private static final List<String> WORKFLOWS = WritebackSamples.WORKFLOWS;

  private static EmbeddedKafkaBroker kafka;
  private static JpaFhirServerProcess ehr;
  private static PipelineRuntime runtime;
  private static TopicSerdes serdes;
  private static CommonConfig common;
  private static IGenericClient fhir;
  /** Patients whose events went through deid: their deidentified event, the original name and chart. */
  private static final List<Patient> patients = new ArrayList<>();

  private record Patient(DeidentifiedEvent event, String nameToken, String name, String chart) {}

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("phigate-jpa-ehr-it");
    // the JPA server boots in its own JVM while the broker, the registry and deid run here
    ehr = JpaFhirServerProcess.begin(dir.resolve("ehr"), FreePorts.find(), JpaFhirServerProcess.DEFAULT_TIMEOUT);
    kafka = EmbeddedKafkaBroker.start();
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    common = new CommonConfig(Settings.of(Map.ofEntries(
        Map.entry(CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers()),
        Map.entry(CommonConfig.REGISTRY_URL.name(), registryUrl),
        Map.entry(CommonConfig.TENANT.name(), TENANT),
        Map.entry(CommonConfig.STATE_DIR.name(), dir.resolve("state").toString()),
        Map.entry(CommonConfig.REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_REPLICATION.name(), "1"),
        Map.entry(CommonConfig.EVENT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.VAULT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.HMAC_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.REVIEW_KEY.name(), Keys.randomBase64()),
        Map.entry(WritebackConfig.FHIR_BASE.name(), ehr.baseUrl()),
        // the JPA server's first writes (JIT-cold, on a busy machine) take seconds
        Map.entry(WritebackConfig.TIMEOUT.name(), "60000"),
        // while the server is down (killed, restarting) write-back retries every few seconds at most
        Map.entry(WritebackConfig.RETRY_BACKOFF_MS.name(), "250"),
        Map.entry(WritebackConfig.RETRY_MAX_BACKOFF_MS.name(), "3000"))));
    serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    List<VaultEntry> vault = deidentifySamples();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (VaultEntry entry : vault) {
        send(producer, Topics.PHI_VAULT, entry.getToken(), entry);
      }
    }
    ehr.awaitReady();
    for (int i = 0; i < patients.size(); i++) {
      Patient p = patients.get(i);
      String mrn = patientKey(vault, p.event());
      patients.set(i, new Patient(p.event(), p.nameToken(), p.name(),
          ehr.addPatient(WritebackConfig.PATIENT_SYSTEM.defaultValue(), mrn)));
    }
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
  void shouldWriteEveryWorkflowAsValidResourcesWithAiProvenanceFoundByFhirSearch() throws Exception {
    Map<String, ApprovedResult> items = new LinkedHashMap<>();
    for (int p = 0; p < patients.size(); p++) {
      for (String workflow : WORKFLOWS) {
        String reviewId = "rv-jpa-" + workflow + "-" + p;
        items.put(reviewId, approved(reviewId, workflow, patients.get(p), p % 2 == 0));
      }
    }
    approve(items);
    awaitOutcomes(items.keySet());
    assertThat(dlq(items.keySet())).isEmpty();

    for (int p = 0; p < patients.size(); p++) {
      Patient patient = patients.get(p);
      boolean edited = p % 2 == 0;
      for (String workflow : WORKFLOWS) {
        String reviewId = "rv-jpa-" + workflow + "-" + p;
        List<Resource> written = new ArrayList<>();
        switch (workflow) {
          case "note-summary" -> {
            DocumentReference doc = only(byIdentifier(DocumentReference.class, reviewId));
            assertThat(doc.getSubject().getReference()).isEqualTo(patient.chart());
            assertThat(doc.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.FINAL);
            assertThat(new String(doc.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .contains(patient.name()).doesNotContain(patient.nameToken());
            written.add(doc);
          }
          case "message-triage" -> {
            Task task = only(byIdentifier(Task.class, reviewId));
            Communication reply = only(byIdentifier(Communication.class, reviewId));
            assertThat(task.getFor().getReference()).isEqualTo(patient.chart());
            assertThat(reply.getSubject().getReference()).isEqualTo(patient.chart());
            assertThat(reply.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
            assertThat(reply.getPayloadFirstRep().getContentStringType().getValue()).contains(patient.name())
                .doesNotContain(patient.nameToken());
            written.add(task);
            written.add(reply);
          }
          default -> {
            Task task = only(byIdentifier(Task.class, reviewId));
            assertThat(task.getFor().getReference()).isEqualTo(patient.chart());
            assertThat(task.getDescription()).contains(patient.name()).doesNotContain(patient.nameToken());
            written.add(task);
          }
        }
        for (Resource resource : written) {
          assertThat(resource.getMeta().getSecurity()).as("AI-asserted label on " + resource.fhirType())
              .anySatisfy(c -> assertThat(c.getCode()).isEqualTo(AIAST));
        }
        Provenance provenance = provenanceOf(written.get(0), reviewId);
        assertThat(provenance.getTarget()).extracting(Reference::getReference).containsExactlyInAnyOrderElementsOf(
            written.stream().map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList());
        assertThat(provenance.getReason()).flatExtracting(c -> c.getCoding())
            .anySatisfy(c -> assertThat(c.getCode()).isEqualTo(AIAST));
        assertThat(provenance.getAgent()).hasSize(3);
        assertThat(provenance.getEntity().stream().anyMatch(e -> e.getRole()
            == Provenance.ProvenanceEntityRole.REVISION)).as("original draft kept for an edit").isEqualTo(edited);
        written.add(provenance);
        for (Resource resource : written) {
          assertThat(strictParseErrors(resource)).as(resource.fhirType() + " " + reviewId + " as the EHR sends it")
              .isNull();
          assertThat(R4BaseValidator.errors(resource)).as(resource.fhirType() + " " + reviewId + " read back")
              .extracting(R4BaseValidator::describe).isEmpty();
        }
      }
    }
  }

  @Test
  void shouldWriteEveryItemOnceWhenTheServerIsKilledMidBatchAndRestarted() throws Exception {
    Map<String, ApprovedResult> items = new LinkedHashMap<>();
    for (int i = 0; i < BATCH; i++) {
      String reviewId = "rv-jpa-kill-" + i;
      items.put(reviewId, approved(reviewId, WORKFLOWS.get(i % WORKFLOWS.size()),
          patients.get(i % patients.size()), i % 5 == 0));
    }
    long provenanceBefore = ehr.resourceCount("Provenance");
    approve(items);
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> ehr.resourceCount("Provenance") - provenanceBefore >= BATCH / 5);
    long writtenBeforeKill = ehr.resourceCount("Provenance") - provenanceBefore;
    ehr.kill(); // SIGKILL: in-flight transactions cut off, H2 not closed
    long settledAtKill = outcomes(items.keySet()).size();
    assertThat(settledAtKill).as("killed in the middle of the batch").isLessThan(BATCH);
    ehr.restart();
    long afterRestart = countByReviewId("Provenance", items.keySet()).size();
    awaitOutcomes(items.keySet());
    assertThat(dlq(items.keySet())).isEmpty();

    Map<String, Long> tasks = countByReviewId("Task", items.keySet());
    Map<String, Long> replies = countByReviewId("Communication", items.keySet());
    Map<String, Long> docs = countByReviewId("DocumentReference", items.keySet());
    Map<String, Long> provenances = countByReviewId("Provenance", items.keySet());
    System.out.printf("[JpaEhrWritebackIT] JPA server killed with %d of %d items written (%d settled on Kafka, "
            + "%d in the EHR right after the restart); now %d Provenance, %d Task, %d Communication, "
            + "%d DocumentReference for the batch, none twice%n", writtenBeforeKill, BATCH, settledAtKill,
        afterRestart, provenances.size(), tasks.size(), replies.size(), docs.size());
    Map<String, String> status = read(Topics.EHR_OUTCOMES).stream().filter(o -> items.containsKey(o.getReviewId()))
        .collect(Collectors.toMap(WritebackOutcome::getReviewId, o -> o.getStatus().name(), (a, b) -> a + "," + b));
    for (int i = 0; i < BATCH; i++) {
      String reviewId = "rv-jpa-kill-" + i;
      String workflow = WORKFLOWS.get(i % WORKFLOWS.size());
      assertThat(provenances.get(reviewId)).as("Provenance of " + reviewId + " (outcome " + status.get(reviewId)
          + ", main resources " + tasks.get(reviewId) + "/" + docs.get(reviewId) + ")").isEqualTo(1L);
      assertThat(tasks.get(reviewId)).as("Task of " + reviewId)
          .isEqualTo(workflow.equals("note-summary") ? null : 1L);
      assertThat(replies.get(reviewId)).as("Communication of " + reviewId)
          .isEqualTo(workflow.equals("message-triage") ? 1L : null);
      assertThat(docs.get(reviewId)).as("DocumentReference of " + reviewId)
          .isEqualTo(workflow.equals("note-summary") ? 1L : null);
    }
  }

  /**
   * Resources of type whose identifier (Provenance: tag) in the review system names an item, counted per review id,
   * read page by page through FHIR search (identifier by system; a tag search needs a code, so every Provenance).
   */
  private static Map<String, Long> countByReviewId(String type, Set<String> reviewIds) {
    Map<String, Long> counts = new HashMap<>();
    String query = type.equals("Provenance") ? "?_count=500" : "?identifier=" + REVIEW + "|&_count=500";
    Bundle page = fhir.search().byUrl(type + query).returnBundle(Bundle.class).execute();
    while (true) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        Resource resource = entry.getResource();
        String reviewId = reviewIdOf(resource);
        if (reviewIds.contains(reviewId)) {
          counts.merge(reviewId, 1L, Long::sum);
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return counts;
      }
      page = fhir.loadPage().next(page).execute();
    }
  }

  private static String reviewIdOf(Resource resource) {
    if (resource instanceof Provenance provenance) {
      return provenance.getMeta().getTag().stream().filter(t -> REVIEW.equals(t.getSystem())).findFirst()
          .map(t -> t.getCode()).orElse(null);
    }
    Function<List<org.hl7.fhir.r4.model.Identifier>, String> review = ids -> ids.stream()
        .filter(id -> REVIEW.equals(id.getSystem())).findFirst().map(id -> id.getValue()).orElse(null);
    if (resource instanceof Task task) {
      return review.apply(task.getIdentifier());
    }
    if (resource instanceof Communication reply) {
      return review.apply(reply.getIdentifier());
    }
    return resource instanceof DocumentReference doc ? review.apply(doc.getIdentifier()) : null;
  }

  /** What HAPI's strict parser says of the resource as the EHR serves it; null when it parses cleanly. */
  private static String strictParseErrors(Resource resource) throws Exception {
    String url = ehr.baseUrl() + "/" + resource.getIdElement().toUnqualifiedVersionless().getValue();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      fhir.getFhirContext().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
          .parseResource(response.body());
      return null;
    } catch (DataFormatException e) {
      return e.getMessage();
    }
  }

  private static <T extends Resource> List<T> byIdentifier(Class<T> type, String reviewId) {
    Bundle found = fhir.search().byUrl(fhir.getFhirContext().getResourceType(type) + "?identifier=" + REVIEW + "|"
        + reviewId).returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
  }

  /** The Provenance found by {@code Provenance?target=} of the item's main resource; exactly one. */
  private static Provenance provenanceOf(Resource main, String reviewId) {
    Bundle found = fhir.search().byUrl("Provenance?target=" + main.getIdElement().toUnqualifiedVersionless()
        .getValue()).returnBundle(Bundle.class).execute();
    List<Provenance> provenances = found.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
    assertThat(provenances).as("Provenance?target= of " + reviewId).hasSize(1);
    assertThat(reviewIdOf(provenances.get(0))).isEqualTo(reviewId);
    return provenances.get(0);
  }

  private static <T> T only(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /**
   * Runs the shipped HL7 v2 samples through the intake and deid topologies (in this JVM, with the test's keys) and
   * keeps three patients whose event has a name token; returns every vault entry deid wrote for them.
   */
  private static List<VaultEntry> deidentifySamples() {
    Clock clock = Clock.systemUTC();
    List<VaultEntry> vault = new ArrayList<>();
    Set<String> seenPatients = new HashSet<>();
    try (TopologyTestDriver intake = driver(Role.INTAKE, clock); TopologyTestDriver deid = driver(Role.DEID, clock)) {
      var raw = intake.createInputTopic(Topics.INTAKE_RAW.name(), serdes.keySerde(Topics.INTAKE_RAW).serializer(),
          serdes.valueSerde(Topics.INTAKE_RAW).serializer());
      var normalized = intake.createOutputTopic(Topics.EVENTS_NORMALIZED.name(),
          serdes.keySerde(Topics.EVENTS_NORMALIZED).deserializer(),
          serdes.valueSerde(Topics.EVENTS_NORMALIZED).deserializer());
      var deidIn = deid.createInputTopic(Topics.EVENTS_NORMALIZED.name(),
          serdes.keySerde(Topics.EVENTS_NORMALIZED).serializer(),
          serdes.valueSerde(Topics.EVENTS_NORMALIZED).serializer());
      var deidentified = deid.createOutputTopic(Topics.EVENTS_DEIDENTIFIED.name(),
          serdes.keySerde(Topics.EVENTS_DEIDENTIFIED).deserializer(),
          serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).deserializer());
      var vaultOut = deid.createOutputTopic(Topics.PHI_VAULT.name(), serdes.keySerde(Topics.PHI_VAULT).deserializer(),
          serdes.valueSerde(Topics.PHI_VAULT).deserializer());
      for (SampleInput input : SampleInput.shipped()) {
        if (patients.size() == 3) {
          break;
        }
        if (!input.format().equals("HL7 v2")) {
          continue;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
        if (normalized.isEmpty()) {
          continue; // dead-lettered by intake
        }
        var event = normalized.readValue();
        deidIn.pipeInput(event.getEventId(), event);
        if (deidentified.isEmpty()) {
          continue; // dead-lettered by deid
        }
        DeidentifiedEvent out = deidentified.readValue();
        List<VaultEntry> entries = vaultOut.readValuesToList();
        vault.addAll(entries);
        var name = out.getFields().stream().filter(f -> f.getCategory() == PhiCategory.NAME).findFirst();
        if (name.isEmpty() || !seenPatients.add(out.getPatientToken())) {
          continue;
        }
        String token = name.get().getReplacement();
        VaultEntry value = entries.stream().filter(v -> VaultKeys.standsFor(v.getToken(), TENANT, token))
            .findFirst().orElse(null);
        if (value == null || patientKey(entries, out) == null) {
          continue;
        }
        patients.add(new Patient(out, token, common.vaultCipher().openString(value.getOriginal(), value.getToken()),
            null));
      }
    }
    assertThat(patients).as("shipped HL7 v2 samples with a patient and a name").hasSize(3);
    return vault;
  }

  /** The event's patient key (MRN) as deid sealed it in the vault; null when deid wrote no patient entry. */
  private static String patientKey(List<VaultEntry> vault, DeidentifiedEvent event) {
    return vault.stream().filter(v -> VaultKeys.standsFor(v.getToken(), TENANT, event.getPatientToken()))
        .findFirst().map(v -> common.vaultCipher().openString(v.getOriginal(), v.getToken())).orElse(null);
  }

  private static TopologyTestDriver driver(Role role, Clock clock) {
    Properties props = StreamsProperties.forRole(role.config(common),
        RoleTopologies.deadLetters(role, common, serdes, clock));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, common.stateDir() + "/ttd-" + role.id());
    return new TopologyTestDriver(RoleTopologies.build(role, common, serdes, clock), props);
  }

  /**
   * An approved item of workflow drafted from the patient's event (the samples' typed AI outputs per workflow),
   * quoting its name token; an edited one carries the reviewer's text sealed, as the reviewer API sends it.
   */
  private static ApprovedResult approved(String reviewId, String workflow, Patient patient, boolean edited) {
    ApprovedResult sample = WritebackSamples.request(workflow, reviewId, "unused", false).approved();
    String draft = switch (workflow) {
      case "note-summary" -> "Summary: " + patient.nameToken() + " was seen for knee pain; ibuprofen started.";
      case "result-follow-up" -> "Call " + patient.nameToken() + " to repeat the potassium this week.";
      default -> "Dear " + patient.nameToken() + ", please come in today to have your wound checked.";
    };
    DeidentifiedEvent event = patient.event();
    ReviewItem item = ReviewItem.newBuilder(sample.getItem()).setEventId(event.getEventId())
        .setTenant(event.getTenant()).setPatientToken(event.getPatientToken()).setDraftText(draft)
        .setSummary(workflow.equals("note-summary") ? draft : null).setHeldAt(Instant.now()).build();
    ReviewDecision.Builder decision = ReviewDecision.newBuilder(sample.getDecision()).setDecidedAt(Instant.now());
    if (edited) {
      decision.setSealedEditedText(common.reviewCipher().sealString(draft + " Bring your medication list.",
          reviewId));
    }
    return new ApprovedResult(item, decision.build());
  }

  private static void approve(Map<String, ApprovedResult> items) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (Map.Entry<String, ApprovedResult> item : items.entrySet()) {
        send(producer, Topics.REVIEW_APPROVED, item.getKey(), item.getValue());
      }
    }
  }

  private static void awaitOutcomes(Set<String> reviewIds) {
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
        .until(() -> outcomes(reviewIds).containsAll(reviewIds));
  }

  /** The items of reviewIds settled on Kafka: written (outcomes) or dead-lettered. */
  private static Set<String> outcomes(Set<String> reviewIds) {
    Set<String> done = read(Topics.EHR_OUTCOMES).stream().map(WritebackOutcome::getReviewId)
        .filter(reviewIds::contains).collect(Collectors.toSet());
    read(Topics.EHR_DLQ).stream().map(WritebackOutcome::getReviewId).filter(reviewIds::contains).forEach(done::add);
    return done;
  }

  private static List<String> dlq(Set<String> reviewIds) {
    return read(Topics.EHR_DLQ).stream().filter(o -> reviewIds.contains(o.getReviewId()))
        .map(o -> o.getReviewId() + " " + o.getReason()).toList();
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static <V> void send(KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic.name(), serdes.keySerde(topic).serializer().serialize(topic.name(), key),
        serdes.valueSerde(topic).serializer().serialize(topic.name(), value))).get();
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
