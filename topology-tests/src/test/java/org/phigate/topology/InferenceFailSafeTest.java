package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topics;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.InferenceProcessor;
import org.phigate.inference.InferenceService;
import org.phigate.inference.InferenceStage;
import org.phigate.inference.InferenceTopology;
import org.phigate.inference.InferenceWorkers;
import org.phigate.inference.OffThreadSettings;
import org.phigate.inference.PromptBuilder;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.drafts.TriageDrafts;
import org.phigate.inference.models.Models;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.inference.safety.SemanticRedFlags;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;
import org.phigate.testing.CapturedOutput;

/**
 * A step of the AI that throws for one event of a batch (prompt builder, safety-net detector, draft) never loses that
 * event nor touches the others: one held result per input, the failed one an AI_STEP_FAILED fail-safe at urgent or
 * higher, its audit event a SERIOUS_FAILURE with the step's code, and the text that made it fail nowhere in results,
 * audit events or logs (the stand-ins quote it in their exception messages on purpose).
 */
class InferenceFailSafeTest {
  /** Marks the event a stand-in fails on; also the text that must not leak. */
  private static final String ODD = "purple kazoo incident";

  private final TestPipeline pipeline = new TestPipeline();
  private final InferenceWorkers workers = new InferenceWorkers(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final RoutineModel model = new RoutineModel();

  @AfterEach
  void stop() {
    release.countDown();
    workers.shutdown();
  }

  /** Answers routine medication for every prompt; its first call waits for the test, so the next events batch up. */
  private final class RoutineModel implements ClinicalModel {
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    @Override
    public Assessment infer(String workflow, String prompt) {
      return inferBatch(workflow, List.of(prompt)).get(0);
    }

    @Override
    public List<Assessment> inferBatch(String workflow, List<String> prompts) {
      if (batches.isEmpty()) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      batches.add(prompts.size());
      return prompts.stream().map(p -> new Assessment("portal-triage", "medication", 0.9, Urgency.ROUTINE,
          "fixed", List.of(), "model draft", null, null, ResultStatus.OK)).toList();
    }

    @Override
    public String modelId() {
      return "routine";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  }

  /** A prompt builder that throws on odd input, quoting it. */
  private static final class OddPromptBuilder extends PromptBuilder {
    @Override
    public String build(DeidentifiedEvent event) {
      String text = event.getTextParts().get(0).getText();
      if (text.contains(ODD)) {
        throw new IllegalStateException("cannot build a prompt from: " + text);
      }
      return super.build(event);
    }
  }

  /** A crisis detector that throws on any batch holding odd input, quoting it. */
  private static final SemanticRedFlags ODD_DETECTOR = new SemanticRedFlags() {
    @Override
    public List<Set<String>> detect(List<String> texts) {
      for (String t : texts) {
        if (t.contains(ODD)) {
          throw new IllegalArgumentException("cannot embed: " + t);
        }
      }
      return texts.stream().map(t -> Set.<String>of()).toList();
    }

    @Override
    public String version() {
      return "odd";
    }
  };

  private TopologyTestDriver driver(PromptBuilder builder, SafetyNet net, TriageDrafts drafts) {
    InferenceConfig config = new InferenceConfig(pipeline.common);
    InferenceService service = new InferenceService(builder, Models.guard(config), model, net, drafts);
    InferenceStage stage = new InferenceStage(service, config.workflows(),
        new AuditEvents("inference", "service:test", "test", TestPipeline.CLOCK), TestPipeline.CLOCK);
    return pipeline.driver(Role.INFERENCE, InferenceTopology.build(pipeline.serdes, stage, workers,
        new OffThreadSettings(4, 100, Duration.ofMinutes(1), Duration.ofMillis(10))));
  }

  private static SafetyNet lexiconOnly() {
    return new SafetyNet(RedFlagLexicon.load());
  }

  /** The events: a first one that holds the worker, then four that go to the model as one batch. */
  private Map<String, InferenceResult> run(TopologyTestDriver driver, List<String> texts,
                                           Map<String, AuditEvent> audits) {
    var in = pipeline.input(driver, Topics.EVENTS_DEIDENTIFIED);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String id = "ev-" + i;
      ids.add(id);
      in.pipeInput(id, InferenceTopologyTest.event(id, "message-triage", texts.get(i)));
    }
    release.countDown();
    TestOutputTopic<String, InferenceResult> results = pipeline.output(driver, Topics.AI_RESULTS);
    TestOutputTopic<String, AuditEvent> auditTopic = pipeline.output(driver, Topics.AUDIT_EVENTS);
    Map<String, InferenceResult> byId = new HashMap<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
      driver.advanceWallClockTime(Duration.ofMillis(50));
      results.readKeyValuesToList().forEach(kv -> assertThat(byId.put(kv.key, kv.value)).isNull());
      auditTopic.readValuesToList().forEach(a -> audits.put(a.getEntities().get(0).getWhat(), a));
      return byId.size() == texts.size() && audits.size() == texts.size();
    });
    driver.advanceWallClockTime(Duration.ofMillis(50));
    assertThat(results.isEmpty()).isTrue();
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(driver.getKeyValueStore(InferenceProcessor.PENDING_STORE).approximateNumEntries()).isZero();
    return byId;
  }

  private static List<String> batchOf(String odd) {
    return List.of("I need a refill of my inhaler.", "Can I move my appointment to next week?",
        odd, "Please renew my statin prescription.", "Is my lab result back yet?");
  }

  private void assertUnaffected(Map<String, InferenceResult> results, Map<String, AuditEvent> audits, String failed,
                                int modelBatch) {
    results.forEach((id, r) -> {
      if (!id.equals(failed)) {
        assertThat(r.getStatus()).as(id).isEqualTo(ResultStatus.OK);
        assertThat(r.getUrgency()).as(id).isEqualTo(Urgency.ROUTINE);
        assertThat(r.getUrgencySource()).as(id).isEqualTo(UrgencySource.MODEL);
        assertThat(r.getDraftText()).as(id).isEqualTo("model draft");
        assertThat(audits.get(id).getOutcome()).as(id).isEqualTo(AuditOutcome.SUCCESS);
      }
    });
    assertThat(model.batches).as("the events after the first went to the model as one batch").contains(modelBatch);
  }

  private static void assertFailSafe(InferenceResult result, AuditEvent audit, String code) {
    assertThat(result.getStatus()).isEqualTo(ResultStatus.AI_STEP_FAILED);
    assertThat(result.getRationale()).contains(code);
    assertThat(result.getCategory()).isEqualTo("other");
    assertThat(audit.getOutcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);
    assertThat(audit.getOutcomeDesc()).isEqualTo("AI_STEP_FAILED");
    assertThat(audit.getDetails()).containsEntry("failure", code).containsEntry("resultHeld", "true")
        .containsEntry("status", "AI_STEP_FAILED").containsEntry("urgency", result.getUrgency().name());
  }

  private static void assertNoLeak(CapturedOutput captured, Map<String, InferenceResult> results,
                                   Map<String, AuditEvent> audits) {
    assertThat(results.values().toString()).doesNotContain(ODD).doesNotContain("kazoo");
    assertThat(audits.values().toString()).doesNotContain(ODD).doesNotContain("kazoo");
    assertThat(captured.logLines()).noneMatch(line -> line.contains("kazoo"));
  }

  @Test
  void shouldHoldAnEventWhosePromptBuilderThrowsAndStillRunTheSafetyNetOnItsText() {
    Map<String, AuditEvent> audits = new HashMap<>();
    try (CapturedOutput captured = new CapturedOutput();
         TopologyTestDriver driver = driver(new OddPromptBuilder(), lexiconOnly(), DraftReplies.shipped())) {
      Map<String, InferenceResult> results = run(driver,
          batchOf("After the " + ODD + " I took all my pills an hour ago."), audits);

      InferenceResult failed = results.get("ev-2");
      assertFailSafe(failed, audits.get("ev-2"), "prompt-builder:IllegalStateException");
      // the safety net read the event's text without a prompt: the overdose is an emergency with the crisis reply
      assertThat(failed.getUrgency()).isEqualTo(Urgency.EMERGENCY);
      assertThat(failed.getUrgencySource()).isEqualTo(UrgencySource.SAFETY_NET);
      assertThat(failed.getRedFlags()).contains("crisis.overdose");
      assertThat(failed.getEscalate()).isTrue();
      assertThat(failed.getDraftText()).contains("988");
      assertThat(failed.getPromptSha256()).isEmpty();
      assertUnaffected(results, audits, "ev-2", 3);
      assertNoLeak(captured, results, audits);
    }
  }

  @Test
  void shouldHoldAnOrdinaryEventWhosePromptBuilderThrowsAtUrgentFromTheFallback() {
    Map<String, AuditEvent> audits = new HashMap<>();
    try (CapturedOutput captured = new CapturedOutput();
         TopologyTestDriver driver = driver(new OddPromptBuilder(), lexiconOnly(), DraftReplies.shipped())) {
      Map<String, InferenceResult> results = run(driver, batchOf("About the " + ODD + ", call me."), audits);

      InferenceResult failed = results.get("ev-2");
      assertFailSafe(failed, audits.get("ev-2"), "prompt-builder:IllegalStateException");
      assertThat(failed.getUrgency()).isEqualTo(Urgency.URGENT);
      assertThat(failed.getUrgencySource()).isEqualTo(UrgencySource.FALLBACK);
      assertThat(failed.getEscalate()).isFalse();
      assertUnaffected(results, audits, "ev-2", 3);
      assertNoLeak(captured, results, audits);
    }
  }

  @Test
  void shouldKeepTheLexiconsVerdictWhenTheCrisisDetectorThrows() {
    Map<String, AuditEvent> audits = new HashMap<>();
    SafetyNet net = new SafetyNet(RedFlagLexicon.load(), List.of(ODD_DETECTOR));
    try (CapturedOutput captured = new CapturedOutput();
         TopologyTestDriver driver = driver(new PromptBuilder(), net, DraftReplies.shipped())) {
      Map<String, InferenceResult> results = run(driver,
          batchOf("Since the " + ODD + " I have crushing chest pain and can't breathe."), audits);

      InferenceResult failed = results.get("ev-2");
      assertFailSafe(failed, audits.get("ev-2"), "safety-net-detector:IllegalArgumentException");
      // the model said routine and the detector failed: the word list alone still makes it an emergency
      assertThat(failed.getUrgency()).isEqualTo(Urgency.EMERGENCY);
      assertThat(failed.getRedFlags()).contains("cardiac.chest-pain");
      assertThat(failed.getEscalate()).isTrue();
      assertThat(failed.getPromptSha256()).hasSize(64);
      assertUnaffected(results, audits, "ev-2", 4);
      assertNoLeak(captured, results, audits);
    }
  }

  @Test
  void shouldHoldACrisisEventWhoseDraftStepThrowsWithoutADraft() {
    Map<String, AuditEvent> audits = new HashMap<>();
    TriageDrafts failing = (category, urgency, crisis) -> {
      throw new IllegalStateException("no template for " + category);
    };
    try (CapturedOutput captured = new CapturedOutput();
         TopologyTestDriver driver = driver(new PromptBuilder(), lexiconOnly(), failing)) {
      Map<String, InferenceResult> results = run(driver,
          batchOf("After the " + ODD + " I took all my pills an hour ago."), audits);

      InferenceResult failed = results.get("ev-2");
      assertFailSafe(failed, audits.get("ev-2"), "draft:IllegalStateException");
      assertThat(failed.getUrgency()).isEqualTo(Urgency.EMERGENCY);
      assertThat(failed.getEscalate()).isTrue();
      assertThat(failed.getRedFlags()).contains("crisis.overdose");
      assertThat(failed.getDraftText()).isEmpty();
      assertUnaffected(results, audits, "ev-2", 4);
      assertNoLeak(captured, results, audits);
    }
  }
}
