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
    VaultEntry entry = vault.stream().filter(v -> v.getToken().equals(token)).findFirst().orElseThrow();
    String original = pipeline.common.vaultCipher().openString(entry.getOriginal(), token);
    assertThat(original).isNotBlank().doesNotContain("[NAME-");

    String patientToken = deidentified.getPatientToken();
    VaultEntry patientEntry = vault.stream().filter(v -> v.getToken().equals(patientToken)).findFirst().orElseThrow();
    String patient = ehr.addPatient("urn:phigate:patient-key",
        pipeline.common.vaultCipher().openString(patientEntry.getOriginal(), patientToken));

    String reviewId = "rv-roundtrip-1";
    try (TopologyTestDriver writeback = pipeline.driver(Role.WRITEBACK)) {
      var vaultTopic = pipeline.input(writeback, Topics.PHI_VAULT);
      vault.forEach(v -> vaultTopic.pipeInput(v.getToken(), v));
      ApprovedResult approved = approved(reviewId, deidentified.getPatientToken(),
          "Call " + token + " about the result.");
      approved.getItem().setEventId(event.getEventId());
      pipeline.input(writeback, Topics.REVIEW_APPROVED).pipeInput(reviewId, approved);
      assertThat(pipeline.output(writeback, Topics.EHR_OUTCOMES).readValue().getStatus())
          .isEqualTo(WritebackStatus.WRITTEN);
    }
    Task task = (Task) ehr.resources("Task").stream()
        .filter(r -> ((Task) r).getIdentifierFirstRep().getValue().equals(reviewId)).findFirst().orElseThrow();
    assertThat(task.getFor().getReference()).isEqualTo(patient);
    // the source message id deid sealed in the vault reaches the EHR as the Task's focus
    assertThat(task.getFocus().getIdentifier().getValue()).isEqualTo(event.getSourceMessageId());
    Communication reply = (Communication) ehr.resources("Communication").stream()
        .filter(r -> ((Communication) r).getIdentifierFirstRep().getValue().equals(reviewId)).findFirst()
        .orElseThrow();
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Call " + original + " about the result.").doesNotContain("[NAME-");
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
    // the inference and review roles hold no key at all; intake needs the event key only
    for (Role role : List.of(Role.INFERENCE, Role.REVIEW)) {
      assertThat(RoleTopologies.build(role, noKeysAtAll, serdes, TestPipeline.CLOCK)).as(role.id()).isNotNull();
    }
    assertThat(RoleTopologies.build(Role.INTAKE, withoutVault, serdes, TestPipeline.CLOCK)).isNotNull();
  }

  @Test
  void shouldLetOnlyTheWritebackRoleReadTheVaultTopic() {
    TestPipeline pipeline = new TestPipeline();
    Set<String> readers = new HashSet<>();
    for (Role role : List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW, Role.WRITEBACK)) {
      if (sourceTopics(pipeline.topology(role)).contains(Topics.PHI_VAULT.name())) {
        readers.add(role.id());
      }
    }
    assertThat(readers).containsExactly(Role.WRITEBACK.id());
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

  private static ApprovedResult approved(String reviewId, String patientToken, String draft) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId).setTenant("t")
        .setWorkflow("message-triage").setPatientToken(patientToken).setModelId("m").setModelVersion("1")
        .setLabel("abnormal-result-needs-action").setConfidence(0.9).setDraftText(draft)
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-7").setReviewerRole("attending")
        .setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }
}
