package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.config.WritebackConfig;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;
import org.phigate.it.support.CatalogTopics;
import org.phigate.it.support.Closer;
import org.phigate.it.support.SharedServices;
import org.phigate.it.support.WritebackRoleFixture;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.security.Keys;
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

  private static final Closer STARTED = new Closer();
  private static JpaFhirServerProcess ehr;
  private static PipelineRuntime runtime;
  private static CommonConfig common;
  private static CatalogTopics topics;
  private static EhrReadBack readBack;
  /** Patients whose events went through deid: their deidentified event, the original name and chart. */
  private static final List<Patient> patients = new ArrayList<>();

  private record Patient(DeidentifiedEvent event, String nameToken, String name, String chart) {}

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("phigate-jpa-ehr-it");
    // the JPA server boots in its own JVM while the broker, the registry and deid run here
    ehr = STARTED.add(JpaFhirServerProcess.begin(dir.resolve("ehr"), FreePorts.find(),
        JpaFhirServerProcess.DEFAULT_TIMEOUT));
    EmbeddedKafkaBroker kafka = STARTED.add(EmbeddedKafkaBroker.start());
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    Map<String, String> settings = WritebackRoleFixture.settings(kafka.bootstrapServers(), registryUrl, TENANT,
        dir.resolve("state"), ehr.baseUrl());
    settings.put(CommonConfig.REVIEW_KEY.name(), Keys.randomBase64());
    // the JPA server's first writes (JIT-cold, on a busy machine) take seconds
    settings.put(WritebackConfig.TIMEOUT.name(), "60000");
    // while the server is down (killed, restarting) write-back retries every few seconds at most
    settings.put(WritebackConfig.RETRY_BACKOFF_MS.name(), "250");
    settings.put(WritebackConfig.RETRY_MAX_BACKOFF_MS.name(), "3000");
    common = new CommonConfig(Settings.of(settings));
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    TopicProvisioner.ensureTopics(common);
    topics = STARTED.add(new CatalogTopics(kafka.bootstrapServers(), serdes));
    DeidentifiedSamples samples = DeidentifiedSamples.of(common, serdes, 3);
    for (VaultEntry entry : samples.vault()) {
      topics.send(Topics.PHI_VAULT, entry.getToken(), entry);
    }
    ehr.awaitReady();
    for (DeidentifiedSamples.Patient p : samples.patients()) {
      patients.add(new Patient(p.event(), p.nameToken(), p.name(),
          ehr.addPatient(WritebackConfig.PATIENT_SYSTEM.defaultValue(), p.mrn())));
    }
    runtime = STARTED.add(WritebackRoleFixture.start(common, serdes));
    readBack = new EhrReadBack(ehr.baseUrl(), REVIEW);
  }

  @AfterAll
  static void stop() throws Exception {
    STARTED.close();
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
            DocumentReference doc = only(readBack.byIdentifier(DocumentReference.class, reviewId));
            assertThat(doc.getSubject().getReference()).isEqualTo(patient.chart());
            assertThat(doc.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.FINAL);
            assertThat(new String(doc.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .contains(patient.name()).doesNotContain(patient.nameToken());
            written.add(doc);
          }
          case "message-triage" -> {
            Task task = only(readBack.byIdentifier(Task.class, reviewId));
            Communication reply = only(readBack.byIdentifier(Communication.class, reviewId));
            assertThat(task.getFor().getReference()).isEqualTo(patient.chart());
            assertThat(reply.getSubject().getReference()).isEqualTo(patient.chart());
            assertThat(reply.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
            assertThat(reply.getPayloadFirstRep().getContentStringType().getValue()).contains(patient.name())
                .doesNotContain(patient.nameToken());
            written.add(task);
            written.add(reply);
          }
          default -> {
            Task task = only(readBack.byIdentifier(Task.class, reviewId));
            assertThat(task.getFor().getReference()).isEqualTo(patient.chart());
            assertThat(task.getDescription()).contains(patient.name()).doesNotContain(patient.nameToken());
            written.add(task);
          }
        }
        for (Resource resource : written) {
          assertThat(resource.getMeta().getSecurity()).as("AI-asserted label on " + resource.fhirType())
              .anySatisfy(c -> assertThat(c.getCode()).isEqualTo(AIAST));
        }
        Provenance provenance = readBack.provenanceOf(written.get(0), reviewId);
        assertThat(provenance.getTarget()).extracting(Reference::getReference).containsExactlyInAnyOrderElementsOf(
            written.stream().map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList());
        assertThat(provenance.getReason()).flatExtracting(c -> c.getCoding())
            .anySatisfy(c -> assertThat(c.getCode()).isEqualTo(AIAST));
        assertThat(provenance.getAgent()).hasSize(3);
        assertThat(provenance.getEntity().stream().anyMatch(e -> e.getRole()
            == Provenance.ProvenanceEntityRole.REVISION)).as("original draft kept for an edit").isEqualTo(edited);
        written.add(provenance);
        for (Resource resource : written) {
          assertThat(readBack.strictParseErrors(resource))
              .as(resource.fhirType() + " " + reviewId + " as the EHR sends it").isNull();
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
    long afterRestart = readBack.countByReviewId("Provenance", items.keySet()).size();
    awaitOutcomes(items.keySet());
    assertThat(dlq(items.keySet())).isEmpty();

    Map<String, Long> tasks = readBack.countByReviewId("Task", items.keySet());
    Map<String, Long> replies = readBack.countByReviewId("Communication", items.keySet());
    Map<String, Long> docs = readBack.countByReviewId("DocumentReference", items.keySet());
    Map<String, Long> provenances = readBack.countByReviewId("Provenance", items.keySet());
    System.out.printf("[JpaEhrWritebackIT] JPA server killed with %d of %d items written (%d settled on Kafka, "
            + "%d in the EHR right after the restart); now %d Provenance, %d Task, %d Communication, "
            + "%d DocumentReference for the batch, none twice%n", writtenBeforeKill, BATCH, settledAtKill,
        afterRestart, provenances.size(), tasks.size(), replies.size(), docs.size());
    Map<String, String> status = topics.read(Topics.EHR_OUTCOMES).stream()
        .filter(o -> items.containsKey(o.getReviewId()))
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

  private static <T> T only(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
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
    for (Map.Entry<String, ApprovedResult> item : items.entrySet()) {
      topics.send(Topics.REVIEW_APPROVED, item.getKey(), item.getValue());
    }
  }

  private static void awaitOutcomes(Set<String> reviewIds) {
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
        .until(() -> outcomes(reviewIds).containsAll(reviewIds));
  }

  /** The items of reviewIds settled on Kafka: written (outcomes) or dead-lettered. */
  private static Set<String> outcomes(Set<String> reviewIds) {
    Set<String> done = topics.read(Topics.EHR_OUTCOMES).stream().map(WritebackOutcome::getReviewId)
        .filter(reviewIds::contains).collect(Collectors.toSet());
    topics.read(Topics.EHR_DLQ).stream().map(WritebackOutcome::getReviewId).filter(reviewIds::contains)
        .forEach(done::add);
    return done;
  }

  private static List<String> dlq(Set<String> reviewIds) {
    return topics.read(Topics.EHR_DLQ).stream().filter(o -> reviewIds.contains(o.getReviewId()))
        .map(o -> o.getReviewId() + " " + o.getReason()).toList();
  }
}
