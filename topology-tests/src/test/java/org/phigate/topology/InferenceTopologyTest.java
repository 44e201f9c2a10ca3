package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.inference.PromptBuilder;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.TextPart;

class InferenceTopologyTest {
  private final TestPipeline pipeline = new TestPipeline();
  private final TopologyTestDriver driver = pipeline.driver(Role.INFERENCE);

  @AfterEach
  void close() {
    driver.close();
  }

  static DeidentifiedEvent event(String id, String workflow, String text) {
    return DeidentifiedEvent.newBuilder().setEventId(id).setTenant("t").setSourceFormat(SourceFormat.FHIR_R4)
        .setMessageType("Communication").setWorkflow(workflow).setReceivedAt(Instant.parse("2026-11-25T12:00:00Z"))
        .setPatientToken("PT-0102030405").setPolicyId("safe-harbor-v1")
        .setTextParts(List.of(new TextPart("Communication.payload[0].contentString", text)))
        .setPhiCategoryCounts(Map.of("NAME", 1)).build();
  }

  @Test
  void shouldClassifyAPortalMessageAndHashTheExactPrompt() {
    DeidentifiedEvent event = event("ev-1", "message-triage",
        "Hello. [NAME-0a0b0c0d] has crushing chest pain and can't breathe since this morning.");
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-1", event);

    InferenceResult result = pipeline.output(driver, Topics.AI_RESULTS).readValue();
    assertThat(result.getCategory()).isEqualTo("symptom");
    assertThat(result.getUrgency()).isEqualTo(org.phigate.schema.Urgency.EMERGENCY);
    assertThat(result.getRedFlags()).contains("cardiac.chest-pain", "breathing.distress");
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getPromptSha256()).isEqualTo(PromptBuilder.sha256Hex(new PromptBuilder().build(event)));
    assertThat(result.getDraftText()).contains("911").doesNotContain("[NAME-0a0b0c0d]");
    AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
    assertThat(audit.getDetails()).containsEntry("promptSha256", result.getPromptSha256())
        .containsKeys("modelId", "modelVersion");
  }

  @Test
  void shouldBlockAPromptThatStillCarriesPhiAndNeverCallTheModel() {
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-2", event("ev-2", "message-triage",
        "Please call me back at 617-555-0199 about my refill."));
    assertThat(pipeline.output(driver, Topics.AI_RESULTS).isEmpty()).isTrue();
    AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
    assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.MAJOR_FAILURE);
    assertThat(audit.getOutcomeDesc()).isEqualTo("EGRESS_BLOCKED");
    assertThat(audit.toString()).doesNotContain("617-555-0199");
  }

  @Test
  void shouldAuditButNotSendWorkflowsThatHaveNoAiStep() {
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-3", event("ev-3", "registration", "n/a"));
    assertThat(pipeline.output(driver, Topics.AI_RESULTS).isEmpty()).isTrue();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValue().getDetails())
        .containsEntry("skipped", "workflow-not-enabled");
  }
}
