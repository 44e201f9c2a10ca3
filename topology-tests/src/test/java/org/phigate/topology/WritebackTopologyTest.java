package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.it.support.MisbehavingEhr;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;

class WritebackTopologyTest {
  private static EmbeddedFhirServer ehr;
  private TestPipeline pipeline;
  private TopologyTestDriver driver;

  @BeforeAll
  static void startEhr() {
    ehr = EmbeddedFhirServer.start();
    ehr.addPatient("urn:phigate:patient-key", "MRN-000123");
  }

  @AfterAll
  static void stopEhr() {
    ehr.close();
  }

  @AfterEach
  void close() {
    driver.close();
  }

  /** Runs the driver's wall-clock punctuations until {@code topic} holds {@code n} records, and returns them all. */
  private <V> List<V> await(org.apache.kafka.streams.TestOutputTopic<String, V> topic, int n) {
    List<V> values = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      values.addAll(topic.readValuesToList());
      return values.size() >= n;
    });
    return values;
  }

  private void start(String fhirBase) {
    // the entries below are keyed by token, as before vault keys: the items were held before the upgrade
    pipeline = new TestPipeline(Map.of("writeback.fhir.base.url", fhirBase, "writeback.max.attempts", "2",
        "writeback.vault.legacy.before", "2026-11-26T00:00:00Z"));
    driver = pipeline.driver(Role.WRITEBACK);
  }

  private VaultEntry vault(String token, PhiCategory category, String original) {
    FieldCipher cipher = pipeline.common.vaultCipher();
    return VaultEntry.newBuilder().setToken(token).setTenant("t").setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-1")
        .setCreatedAt(Instant.parse("2026-11-25T12:00:00Z")).build();
  }

  static ApprovedResult approved(String reviewId) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId).setTenant("t")
        .setWorkflow("message-triage").setPatientToken("PT-aabbccddeeff").setModelId("m").setModelVersion("1")
        .setLabel("urgent-clinical").setConfidence(0.93).setDraftText("Call [NAME-11223344] today.")
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED)
        .setResultStatus(ResultStatus.OK).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-7").setReviewerRole("attending")
        .setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }

  @Test
  void shouldReidentifyAndWriteATaskOnceEvenWhenReplayed() {
    start(ehr.baseUrl());
    var vaultTopic = pipeline.input(driver, Topics.PHI_VAULT);
    vaultTopic.pipeInput("PT-aabbccddeeff", vault("PT-aabbccddeeff", PhiCategory.MRN, "MRN-000123"));
    vaultTopic.pipeInput("[NAME-11223344]", vault("[NAME-11223344]", PhiCategory.NAME, "Zebulonia Quixtrot"));

    var approvedTopic = pipeline.input(driver, Topics.REVIEW_APPROVED);
    var outcomesTopic = pipeline.output(driver, Topics.EHR_OUTCOMES);
    approvedTopic.pipeInput("rv-wb-1", approved("rv-wb-1"));
    List<WritebackOutcome> outcomes = await(outcomesTopic, 1);
    approvedTopic.pipeInput("rv-wb-1", approved("rv-wb-1"));
    outcomes.addAll(await(outcomesTopic, 1));
    assertThat(outcomes).extracting(WritebackOutcome::getStatus)
        .containsExactly(WritebackStatus.WRITTEN, WritebackStatus.ALREADY_PRESENT);
    Task task = (Task) ehr.resources("Task").stream()
        .filter(r -> ((Task) r).getIdentifierFirstRep().getValue().equals("rv-wb-1")).findFirst().orElseThrow();
    Communication reply = (Communication) ehr.resources("Communication").stream()
        .filter(r -> ((Communication) r).getIdentifierFirstRep().getValue().equals("rv-wb-1")).findFirst()
        .orElseThrow();
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Call Zebulonia Quixtrot today.");
    Patient patient = (Patient) ehr.resources("Patient").get(0);
    assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("MRN-000123");
    assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patient.getIdElement().getIdPart());
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValuesToList())
        .allSatisfy(a -> assertThat(a.toString()).doesNotContain("Zebulonia").doesNotContain("MRN-000123"))
        .extracting(AuditEvent::getSubtype).containsOnly("writeback.create");
  }

  @Test
  void shouldDeadLetterAnUndecryptableVaultEntryAndKeepWriting() {
    start(ehr.baseUrl());
    var vaultTopic = pipeline.input(driver, Topics.PHI_VAULT);
    FieldCipher otherKey = new TestPipeline().common.vaultCipher();
    vaultTopic.pipeInput("PT-aabbccddeeff", VaultEntry.newBuilder(vault("PT-aabbccddeeff", PhiCategory.MRN,
        "MRN-000123")).setOriginal(otherKey.sealString("MRN-000123", "PT-aabbccddeeff")).build());
    vaultTopic.pipeInput("[NAME-11223344]", vault("[NAME-11223344]", PhiCategory.NAME, "Zebulonia Quixtrot"));
    var approvedTopic = pipeline.input(driver, Topics.REVIEW_APPROVED);
    approvedTopic.pipeInput("rv-wb-3", approved("rv-wb-3"));

    WritebackOutcome failed = await(pipeline.output(driver, Topics.EHR_DLQ), 1).get(0);
    assertThat(failed.getReviewId()).isEqualTo("rv-wb-3");
    assertThat(failed.getReason()).isEqualTo("CRYPTO_FAILED");
    AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
    assertThat(audit.getOutcomeDesc()).isEqualTo("CRYPTO_FAILED");
    assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);

    // the next approval with a good vault entry is written: the role did not stop
    vaultTopic.pipeInput("PT-aabbccddeeff", vault("PT-aabbccddeeff", PhiCategory.MRN, "MRN-000123"));
    approvedTopic.pipeInput("rv-wb-4", approved("rv-wb-4"));
    assertThat(await(pipeline.output(driver, Topics.EHR_OUTCOMES), 1).get(0).getReviewId()).isEqualTo("rv-wb-4");
  }

  @Test
  void shouldDeadLetterAResponseTheFhirClientCannotParseWithoutItsText() throws Exception {
    try (MisbehavingEhr misbehaving = MisbehavingEhr.start(ehr.baseUrl(), "Zebulonia Quixtrot")) {
      misbehaving.poison("rv-wb-5");
      start(misbehaving.baseUrl());
      var vaultTopic = pipeline.input(driver, Topics.PHI_VAULT);
      vaultTopic.pipeInput("PT-aabbccddeeff", vault("PT-aabbccddeeff", PhiCategory.MRN, "MRN-000123"));
      vaultTopic.pipeInput("[NAME-11223344]", vault("[NAME-11223344]", PhiCategory.NAME, "Zebulonia Quixtrot"));
      var approvedTopic = pipeline.input(driver, Topics.REVIEW_APPROVED);
      approvedTopic.pipeInput("rv-wb-5", approved("rv-wb-5"));
      approvedTopic.pipeInput("rv-wb-6", approved("rv-wb-6"));

      var auditTopic = pipeline.output(driver, Topics.AUDIT_EVENTS);
      WritebackOutcome failed = await(pipeline.output(driver, Topics.EHR_DLQ), 1).get(0);
      assertThat(failed.getReviewId()).isEqualTo("rv-wb-5");
      assertThat(failed.getReason()).isEqualTo("EHR_CLIENT_FAILED");
      assertThat(failed.getAttempts()).isEqualTo(1);
      assertThat(failed.toString()).doesNotContain("Zebulonia");
      assertThat(await(pipeline.output(driver, Topics.EHR_OUTCOMES), 1).get(0).getReviewId()).isEqualTo("rv-wb-6");
      assertThat(auditTopic.readValuesToList())
          .extracting(AuditEvent::getOutcomeDesc).containsExactlyInAnyOrder("EHR_CLIENT_FAILED", null);
    }
  }

  @Test
  void shouldDeadLetterWhenTheEhrStaysUnreachableForTheAttemptsAllowed() {
    start("http://127.0.0.1:1/fhir");
    pipeline.input(driver, Topics.PHI_VAULT).pipeInput("PT-aabbccddeeff",
        vault("PT-aabbccddeeff", PhiCategory.MRN, "MRN-000123"));
    pipeline.input(driver, Topics.PHI_VAULT).pipeInput("[NAME-11223344]",
        vault("[NAME-11223344]", PhiCategory.NAME, "Zebulonia Quixtrot"));
    pipeline.input(driver, Topics.REVIEW_APPROVED).pipeInput("rv-wb-2", approved("rv-wb-2"));

    WritebackOutcome failed = await(pipeline.output(driver, Topics.EHR_DLQ), 1).get(0);
    assertThat(pipeline.output(driver, Topics.EHR_OUTCOMES).isEmpty()).isTrue();
    assertThat(failed.getStatus()).isEqualTo(WritebackStatus.FAILED);
    assertThat(failed.getReason()).isEqualTo("EHR_RETRIES_EXHAUSTED");
    assertThat(failed.getHttpStatus()).as("no HTTP answer").isNull();
    assertThat(failed.getAttempts()).isEqualTo(2);
  }

  @Test
  void shouldWriteTheReviewersSealedEditReidentifiedWithTheDraftKeptBeside() {
    start(ehr.baseUrl());
    var vaultTopic = pipeline.input(driver, Topics.PHI_VAULT);
    vaultTopic.pipeInput("PT-aabbccddeeff", vault("PT-aabbccddeeff", PhiCategory.MRN, "MRN-000123"));
    vaultTopic.pipeInput("[NAME-11223344]", vault("[NAME-11223344]", PhiCategory.NAME, "Zebulonia Quixtrot"));
    ApprovedResult base = approved("rv-wb-edit");
    String edit = "Call [NAME-11223344] tomorrow at 9; Mrs Quixtrot's daughter may answer.";
    ApprovedResult edited = new ApprovedResult(base.getItem(), ReviewDecision.newBuilder(base.getDecision())
        .setSealedEditedText(pipeline.common.reviewCipher().sealString(edit, "rv-wb-edit")).build());
    pipeline.input(driver, Topics.REVIEW_APPROVED).pipeInput("rv-wb-edit", edited);

    assertThat(await(pipeline.output(driver, Topics.EHR_OUTCOMES), 1).get(0).getStatus())
        .isEqualTo(WritebackStatus.WRITTEN);
    Communication reply = (Communication) ehr.resources("Communication").stream()
        .filter(r -> ((Communication) r).getIdentifierFirstRep().getValue().equals("rv-wb-edit")).findFirst()
        .orElseThrow();
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Call Zebulonia Quixtrot tomorrow at 9; Mrs Quixtrot's daughter may answer.");
    assertThat(edited.getItem().getDraftText()).isEqualTo("Call [NAME-11223344] today.");
    // the AI's own draft goes into the Provenance, re-identified through the vault like the edit
    String replyRef = "Communication/" + reply.getIdElement().getIdPart();
    org.hl7.fhir.r4.model.Provenance provenance = ehr.resources("Provenance").stream()
        .map(org.hl7.fhir.r4.model.Provenance.class::cast)
        .filter(p -> p.getTarget().stream().anyMatch(t -> replyRef.equals(t.getReference()))).findFirst()
        .orElseThrow();
    assertThat(provenance.getContained()).filteredOn(r -> r instanceof org.hl7.fhir.r4.model.DocumentReference)
        .singleElement().satisfies(r -> assertThat(new String(((org.hl7.fhir.r4.model.DocumentReference) r)
            .getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
            .isEqualTo("Call Zebulonia Quixtrot today."));
  }

  @Test
  void shouldDeadLetterAReleaseWithoutAnApprovalByAReviewerOrWithPlaintextEdits() {
    start(ehr.baseUrl());
    ApprovedResult base = approved("rv-wb-x");
    var approvedTopic = pipeline.input(driver, Topics.REVIEW_APPROVED);
    approvedTopic.pipeInput("rv-wb-r", new ApprovedResult(approved("rv-wb-r").getItem(),
        ReviewDecision.newBuilder(base.getDecision()).setReviewId("rv-wb-r").setDecision(DecisionType.REJECT).build()));
    approvedTopic.pipeInput("rv-wb-n", new ApprovedResult(approved("rv-wb-n").getItem(),
        ReviewDecision.newBuilder(base.getDecision()).setReviewId("rv-wb-n").setReviewer(" ").build()));
    approvedTopic.pipeInput("rv-wb-p", new ApprovedResult(approved("rv-wb-p").getItem(),
        ReviewDecision.newBuilder(base.getDecision()).setReviewId("rv-wb-p").setEditedText("plain").build()));

    assertThat(pipeline.output(driver, Topics.EHR_DLQ).readValuesToList())
        .extracting(WritebackOutcome::getReviewId, WritebackOutcome::getReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rv-wb-r", "NOT_APPROVED_BY_REVIEWER"),
            org.assertj.core.groups.Tuple.tuple("rv-wb-n", "NOT_APPROVED_BY_REVIEWER"),
            org.assertj.core.groups.Tuple.tuple("rv-wb-p", "PLAINTEXT_EDIT"));
    assertThat(pipeline.output(driver, Topics.EHR_OUTCOMES).isEmpty()).isTrue();
    assertThat(ehr.resources("Task")).noneSatisfy(r ->
        assertThat(((Task) r).getIdentifierFirstRep().getValue()).isIn("rv-wb-r", "rv-wb-n", "rv-wb-p"));
  }
}
