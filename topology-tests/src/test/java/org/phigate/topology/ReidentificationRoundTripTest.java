package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DecisionType;
import org.phigate.schema.DeidField;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.security.VaultKeys;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;

/**
 * Tokens made by the deid role come back as the original values only in the write-back role: a real event goes
 * through intake and deid, an approved draft quoting its tokens is written to the EHR re-identified, and only the
 * deid (writes) and writeback (reads) roles need or touch the vault key and topic.
 */
class ReidentificationRoundTripTest {
  private static EmbeddedFhirServer ehr;

  @BeforeAll
  static void startEhr() {
    ehr = EmbeddedFhirServer.start();
  }

  @AfterAll
  static void stopEhr() {
    ehr.close();
  }

  @BeforeEach
  void freshEhr() {
    // each test registers its patient's chart; two charts with one MRN would be ambiguous
    ehr.clear();
  }

  @Test
  void shouldWriteTheOriginalValuesOfDeidTokensToTheEhr() {
    TestPipeline pipeline = new TestPipeline(Map.of("writeback.fhir.base.url", ehr.baseUrl()));
    ClinicalEvent event = normalized(pipeline, "ADT-A01-01.hl7");
    DeidentifiedEvent deidentified;
    List<VaultEntry> vault;
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(event.getEventId(), event);
      deidentified = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      vault = pipeline.output(deid, Topics.PHI_VAULT).readValuesToList();
    }
    DeidField name = deidentified.getFields().stream().filter(f -> f.getCategory() == PhiCategory.NAME)
        .findFirst().orElseThrow();
    String token = name.getReplacement();
    assertThat(token).startsWith("[NAME-");
    String key = vault.stream().map(VaultEntry::getToken)
        .filter(k -> VaultKeys.standsFor(k, deidentified.getTenant(), token)).findFirst().orElseThrow();
    VaultEntry entry = vault.stream().filter(v -> v.getToken().equals(key)).findFirst().orElseThrow();
    String original = pipeline.common.vaultCipher().openString(entry.getOriginal(), key);
    assertThat(original).isNotBlank().doesNotContain("[NAME-");

    String patientToken = deidentified.getPatientToken();
    VaultEntry patientEntry = vault.stream()
        .filter(v -> VaultKeys.standsFor(v.getToken(), deidentified.getTenant(), patientToken)).findFirst()
        .orElseThrow();
    String patient = ehr.addPatient("urn:phigate:patient-key",
        pipeline.common.vaultCipher().openString(patientEntry.getOriginal(), patientEntry.getToken()));

    String reviewId = "rv-roundtrip-1";
    try (TopologyTestDriver writeback = pipeline.driver(Role.WRITEBACK)) {
      var vaultTopic = pipeline.input(writeback, Topics.PHI_VAULT);
      vault.forEach(v -> vaultTopic.pipeInput(v.getToken(), v));
      pipeline.input(writeback, Topics.REVIEW_APPROVED).pipeInput(reviewId,
          approved(reviewId, deidentified, "Call " + token + " about the result."));
      var outcomes = pipeline.output(writeback, Topics.EHR_OUTCOMES);
      // the EHR call runs on a worker; the driver's wall-clock punctuation forwards its outcome
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
        writeback.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        return !outcomes.isEmpty();
      });
      assertThat(outcomes.readValue().getStatus()).isEqualTo(WritebackStatus.WRITTEN);
    }
    Task task = (Task) ehr.resources("Task").stream()
        .filter(r -> ((Task) r).getIdentifierFirstRep().getValue().equals(reviewId)).findFirst().orElseThrow();
    assertThat(task.getFor().getReference()).isEqualTo(patient);
    // the source message id (MSH-10) intake sealed and deid put in the vault reaches the EHR as the Task's focus; the
    // event itself carries only its keyed hash
    String messageId = org.phigate.catalog.SourceMessageSeal.open(pipeline.common.eventCipher(), event);
    assertThat(messageId).isEqualTo("MSG00001").isNotEqualTo(event.getSourceMessageId());
    assertThat(task.getFocus().getIdentifier().getValue()).isEqualTo(messageId);
    Communication reply = (Communication) ehr.resources("Communication").stream()
        .filter(r -> ((Communication) r).getIdentifierFirstRep().getValue().equals(reviewId)).findFirst()
        .orElseThrow();
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Call " + original + " about the result.").doesNotContain("[NAME-");
  }

  @Test
  void shouldWriteWithoutTheSourceLinkWhenItsEntryIsAbsentAndRefuseAnotherTenantsEntry() {
    TestPipeline pipeline = new TestPipeline(Map.of("writeback.fhir.base.url", ehr.baseUrl()));
    ClinicalEvent event = normalized(pipeline, "ADT-A01-01.hl7");
    DeidentifiedEvent deidentified;
    List<VaultEntry> vault;
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(event.getEventId(), event);
      deidentified = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValue();
      vault = pipeline.output(deid, Topics.PHI_VAULT).readValuesToList();
    }
    String sourceKey = VaultKeys.sourceMessage(deidentified.getTenant(), event.getEventId());
    VaultEntry source = vault.stream().filter(v -> v.getToken().equals(sourceKey)).findFirst().orElseThrow();
    VaultEntry patientEntry = vault.stream().filter(v -> VaultKeys.standsFor(v.getToken(), deidentified.getTenant(),
        deidentified.getPatientToken())).findFirst().orElseThrow();
    ehr.addPatient("urn:phigate:patient-key",
        pipeline.common.vaultCipher().openString(patientEntry.getOriginal(), patientEntry.getToken()));

    try (TopologyTestDriver writeback = pipeline.driver(Role.WRITEBACK)) {
      var vaultTopic = pipeline.input(writeback, Topics.PHI_VAULT);
      vault.stream().filter(v -> v != source).forEach(v -> vaultTopic.pipeInput(v.getToken(), v));
      var approvedTopic = pipeline.input(writeback, Topics.REVIEW_APPROVED);
      approvedTopic.pipeInput("rv-nosrc-1", approved("rv-nosrc-1", deidentified, "Call today."));
      var outcomes = pipeline.output(writeback, Topics.EHR_OUTCOMES);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
        writeback.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        return !outcomes.isEmpty();
      });
      assertThat(outcomes.readValue().getStatus()).isEqualTo(WritebackStatus.WRITTEN);

      // fails closed: an entry under this event's key that names another tenant is never opened
      vaultTopic.pipeInput(sourceKey, VaultEntry.newBuilder(source).setTenant("other-hospital").build());
      approvedTopic.pipeInput("rv-nosrc-2", approved("rv-nosrc-2", deidentified, "Call today."));
      assertThat(pipeline.output(writeback, Topics.EHR_DLQ).readValuesToList())
          .extracting(WritebackOutcome::getReviewId, WritebackOutcome::getReason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("rv-nosrc-2", "VAULT_TENANT_MISMATCH"));
    }
    Task task = (Task) ehr.resources("Task").stream()
        .filter(r -> ((Task) r).getIdentifierFirstRep().getValue().equals("rv-nosrc-1")).findFirst().orElseThrow();
    assertThat(task.hasFocus()).isFalse();
    assertThat(ehr.resources("Task")).noneSatisfy(r ->
        assertThat(((Task) r).getIdentifierFirstRep().getValue()).isEqualTo("rv-nosrc-2"));
  }

  @Test
  void shouldRequireTheVaultKeyOnlyInTheDeidAndWritebackRoles() {
    Map<String, String> noVaultKey = new HashMap<>(Map.of(CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(),
        CommonConfig.HMAC_KEY.name(), org.phigate.security.Keys.randomBase64(), "writeback.fhir.base.url", "http://127.0.0.1:1/fhir",
        CommonConfig.STATE_DIR.name(), System.getProperty("java.io.tmpdir") + "/phigate-novault-" + System.nanoTime()));
    CommonConfig withoutVault = new CommonConfig(Settings.of(noVaultKey));
    CommonConfig noKeysAtAll = new CommonConfig(Settings.of(Map.of("writeback.fhir.base.url", "http://127.0.0.1:1")));
    TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
    for (Role role : List.of(Role.DEID, Role.WRITEBACK)) {
      assertThatThrownBy(() -> RoleTopologies.build(role, withoutVault, serdes, TestPipeline.CLOCK))
          .as(role.id()).isInstanceOf(ConfigException.class).hasMessageContaining(CommonConfig.VAULT_KEY.name());
    }
    // the inference role holds no key at all; review only the decision MAC key (no data key); intake the event key
    assertThat(RoleTopologies.build(Role.INFERENCE, noKeysAtAll, serdes, TestPipeline.CLOCK)).isNotNull();
    // review needs its decision MAC key to run (config validation); without it the topology (for a plan or a config
    // check) checks decisions against a key nobody holds, so it releases nothing
    assertThat(new org.phigate.config.ReviewConfig(noKeysAtAll).requiredKeys())
        .contains(org.phigate.config.ReviewConfig.MAC_KEY);
    CommonConfig macOnly = new CommonConfig(Settings.of(Map.of(org.phigate.config.ReviewConfig.MAC_KEY.name(),
        org.phigate.security.Keys.randomBase64())));
    assertThat(RoleTopologies.build(Role.REVIEW, macOnly, serdes, TestPipeline.CLOCK)).isNotNull();
    assertThat(RoleTopologies.build(Role.INTAKE, withoutVault, serdes, TestPipeline.CLOCK)).isNotNull();
  }

  @Test
  void shouldLetOnlyTheWritebackAndReviewRolesReadTheVaultTopic() {
    TestPipeline pipeline = new TestPipeline();
    Set<String> readers = new HashSet<>();
    for (Role role : List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW, Role.WRITEBACK)) {
      if (sourceTopics(pipeline.topology(role)).contains(Topics.PHI_VAULT.name())) {
        readers.add(role.id());
      }
    }
    // review: for the reviewer API's audited view of the source message (opened only with crypto.vault.key)
    assertThat(readers).containsExactlyInAnyOrder(Role.REVIEW.id(), Role.WRITEBACK.id());
  }

  private static Set<String> sourceTopics(Topology topology) {
    Set<String> out = new HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          out.addAll(source.topicSet());
        }
      }
    }
    topology.describe().globalStores().forEach(g -> out.addAll(g.source().topicSet()));
    return out;
  }

  private static ClinicalEvent normalized(TestPipeline pipeline, String suffix) {
    SampleInput input = SampleInput.shipped().stream().filter(s -> s.name().endsWith(suffix)).findFirst()
        .orElseThrow();
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
      pipeline.input(intake, Topics.INTAKE_RAW).pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
      return pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValue();
    }
  }

  private static ApprovedResult approved(String reviewId, DeidentifiedEvent event, String draft) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId(event.getEventId())
        .setTenant(event.getTenant()).setWorkflow("message-triage").setPatientToken(event.getPatientToken()).setModelId("m").setModelVersion("1")
        .setLabel("abnormal-result-needs-action").setConfidence(0.9).setDraftText(draft)
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-7").setReviewerRole("attending")
        .setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }
}
