package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import java.util.concurrent.atomic.AtomicInteger;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.InferenceProcessor;
import org.phigate.inference.PromptBuilder;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.TextPart;
import org.phigate.schema.Urgency;
import org.phigate.testing.CapturedOutput;

class InferenceTopologyTest {
  private final TestPipeline pipeline = new TestPipeline();
  private final TopologyTestDriver driver = pipeline.driver(Role.INFERENCE);
  /** A second pipeline (own state directory) for drivers around a model stand-in. */
  private final TestPipeline stand = new TestPipeline();

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

  /** Lets the wall-clock punctuation run until the worker's result is forwarded. */
  static <V> V awaitValue(TopologyTestDriver driver, TestOutputTopic<String, V> topic) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
      driver.advanceWallClockTime(Duration.ofMillis(50));
      return !topic.isEmpty();
    });
    return topic.readValue();
  }

  @Test
  void shouldClassifyAPortalMessageAndHashTheExactPrompt() {
    DeidentifiedEvent event = event("ev-1", "message-triage",
        "Hello. [NAME-0a0b0c0d] has crushing chest pain and can't breathe since this morning.");
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-1", event);

    InferenceResult result = awaitValue(driver, pipeline.output(driver, Topics.AI_RESULTS));
    assertThat(result.getCategory()).isEqualTo("symptom");
    assertThat(result.getUrgency()).isEqualTo(org.phigate.schema.Urgency.EMERGENCY);
    assertThat(result.getRedFlags()).contains("cardiac.chest-pain", "breathing.distress");
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getPromptSha256()).isEqualTo(PromptBuilder.sha256Hex(new PromptBuilder().build(event)));
    assertThat(result.getDraftText()).contains("911").doesNotContain("[NAME-0a0b0c0d]");
    AuditEvent audit = pipeline.output(driver, Topics.AUDIT_EVENTS).readValue();
    assertThat(audit.getDetails()).containsEntry("promptSha256", result.getPromptSha256())
        .containsEntry("status", "OK").containsKey("safetyNetRaised")
        .containsKeys("modelId", "modelVersion", "task", "latencyMs");
    assertThat(audit.toString()).doesNotContain("crushing chest pain");
    assertThat(driver.getKeyValueStore(InferenceProcessor.PENDING_STORE).approximateNumEntries()).isZero();
  }

  /** A model stand-in that counts its calls: a blocked prompt must never reach it. */
  static final class CountingModel implements ClinicalModel {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Assessment infer(String workflow, String prompt) {
      calls.incrementAndGet();
      return new Assessment("portal-triage", "medication", 0.9, Urgency.ROUTINE, "counted", List.of(), "draft",
          null, null, ResultStatus.OK);
    }

    @Override
    public String modelId() {
      return "counting";
    }

    @Override
    public String modelVersion() {
      return "7";
    }
  }

  private TopologyTestDriver countingDriver(CountingModel model) {
    return stand.driver(Role.INFERENCE, RoleTopologies.inferenceWith(new InferenceConfig(stand.common),
        stand.serdes, TestPipeline.CLOCK, model));
  }

  @Test
  void shouldHoldABlockedCrisisMessageAtEmergencyWithoutCallingTheModel() {
    CountingModel model = new CountingModel();
    try (CapturedOutput captured = new CapturedOutput(); TopologyTestDriver counting = countingDriver(model)) {
      stand.input(counting, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-c", event("ev-c", "message-triage",
          "this is Jo Smith, I took all my pills"));

      InferenceResult result = awaitValue(counting, stand.output(counting, Topics.AI_RESULTS));
      assertThat(model.calls).hasValue(0);
      assertThat(result.getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
      assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
      assertThat(result.getEscalate()).isTrue();
      assertThat(result.getRedFlags()).contains("crisis.overdose");
      assertThat(result.getDraftText()).contains("988");
      assertThat(result.getRationale()).contains("egress guard rule NAME_GAZETTEER");
      assertThat(result.getModelId()).isEqualTo("counting");
      assertThat(result.getModelVersion()).startsWith("7+redflags.");
      AuditEvent audit = stand.output(counting, Topics.AUDIT_EVENTS).readValue();
      assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.MAJOR_FAILURE);
      assertThat(audit.getOutcomeDesc()).isEqualTo("EGRESS_BLOCKED");
      assertThat(audit.getDetails()).containsEntry("resultHeld", "true").containsEntry("status", "EGRESS_BLOCKED")
          .containsEntry("urgency", "EMERGENCY").containsEntry("modelId", "counting");
      assertThat(audit.getDetails().get("guard")).contains("rule=NAME_GAZETTEER");
      assertThat(audit.toString() + result).doesNotContain("Smith");
      assertThat(captured.logLines()).noneMatch(line -> line.contains("Smith"));
      assertThat(counting.getKeyValueStore(InferenceProcessor.PENDING_STORE).approximateNumEntries()).isZero();
    }
  }

  @Test
  void shouldRunTheCrisisDetectorOnlyOnTheConfiguredWorkflowsAndRecordWhichNetRan() {
    CountingModel model = new CountingModel();
    try (TopologyTestDriver counting = countingDriver(model)) {
      TestOutputTopic<String, InferenceResult> results = stand.output(counting, Topics.AI_RESULTS);
      stand.input(counting, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-lab", event("ev-lab", "result-follow-up",
          "Potassium 4.1 mmol/L, within the reference range."));
      InferenceResult lab = awaitValue(counting, results);
      stand.input(counting, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-portal", event("ev-portal", "message-triage",
          "Could you refill my inhaler please?"));
      InferenceResult portal = awaitValue(counting, results);

      // default inference.crisis.detector.workflows = message-triage: the lab result got the lexicon alone
      SafetyNet net = SafetyNet.shipped();
      assertThat(net.detectors()).isNotEmpty();
      assertThat(InferenceConfig.CRISIS_DETECTOR_WORKFLOWS.defaultValue()).isEqualTo("message-triage");
      assertThat(lab.getModelVersion()).isEqualTo("7+redflags." + net.lexiconVersion());
      assertThat(portal.getModelVersion()).isEqualTo("7+redflags." + net.version());
    }
  }

  @Test
  void shouldHoldAnOrdinaryBlockedMessageAtUrgentWithoutCallingTheModel() {
    CountingModel model = new CountingModel();
    try (TopologyTestDriver counting = countingDriver(model)) {
      stand.input(counting, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-2", event("ev-2", "message-triage",
          "Please call me back at 617-555-0199 about my refill."));

      InferenceResult result = awaitValue(counting, stand.output(counting, Topics.AI_RESULTS));
      assertThat(model.calls).hasValue(0);
      assertThat(result.getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
      assertThat(result.getUrgency()).isEqualTo(Urgency.URGENT);
      assertThat(result.getEscalate()).isFalse();
      assertThat(result.getPromptSha256()).isEmpty();
      AuditEvent audit = stand.output(counting, Topics.AUDIT_EVENTS).readValue();
      assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.MAJOR_FAILURE);
      assertThat(audit.getOutcomeDesc()).isEqualTo("EGRESS_BLOCKED");
      assertThat(audit.toString() + result).doesNotContain("617-555-0199").doesNotContain("0199");
    }
  }

  @Test
  void shouldCallTheModelForAPromptThatPasses() {
    CountingModel model = new CountingModel();
    try (TopologyTestDriver counting = countingDriver(model)) {
      stand.input(counting, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-p", event("ev-p", "message-triage",
          "I need a refill of my inhaler."));

      InferenceResult result = awaitValue(counting, stand.output(counting, Topics.AI_RESULTS));
      assertThat(model.calls).hasValue(1);
      assertThat(result.getStatus()).isEqualTo(ResultStatus.OK);
    }
  }

  @Test
  void shouldAuditButNotSendWorkflowsThatHaveNoAiStep() {
    pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED).pipeInput("ev-3", event("ev-3", "registration", "n/a"));
    assertThat(pipeline.output(driver, Topics.AI_RESULTS).isEmpty()).isTrue();
    assertThat(pipeline.output(driver, Topics.AUDIT_EVENTS).readValue().getDetails())
        .containsEntry("skipped", "workflow-not-enabled");
  }

  @Test
  void shouldForwardResultsInInputOrderThoughWorkersFinishInAnyOrder() {
    var in = pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "ev-o" + i;
      ids.add(id);
      in.pipeInput(id, event(id, i % 5 == 0 ? "registration" : "message-triage", i % 2 == 0
          ? "I need a refill of my inhaler." : "Can I move my appointment to next week?"));
    }
    var audits = pipeline.output(driver, Topics.AUDIT_EVENTS);
    List<String> seen = new java.util.ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
      driver.advanceWallClockTime(Duration.ofMillis(50));
      audits.readValuesToList().forEach(a -> seen.add(a.getEntities().get(0).getWhat()));
      return seen.size() == ids.size();
    });
    assertThat(seen).containsExactlyElementsOf(ids);
    assertThat(driver.getKeyValueStore(InferenceProcessor.PENDING_STORE).approximateNumEntries()).isZero();
  }
}
