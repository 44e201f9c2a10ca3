package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.inference.embedded.EmbeddedModel;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

class InferenceServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);

  /** Records what it was asked; answers a fixed output. */
  static final class RecordingModel implements ClinicalModel {
    final List<String> prompts = new ArrayList<>();

    @Override
    public Assessment infer(String workflow, String prompt) {
      prompts.add(prompt);
      return Assessment.labelled("medication-question", 0.9, "draft");
    }

    @Override
    public String modelId() {
      return "recording";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  }

  @Test
  void shouldRecordTheSha256OfTheExactPromptTheModelReceived() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent event = Events.portalMessage("Can you refill my lisinopril? [NAME-4f2a9c01]");

    InferenceResult result = service.run(event, CLOCK);

    assertThat(model.prompts).hasSize(1);
    assertThat(model.prompts.get(0)).isEqualTo(new PromptBuilder().build(event));
    assertThat(result.getPromptSha256()).isEqualTo(PromptBuilder.sha256Hex(model.prompts.get(0)));
    assertThat(result.getEventId()).isEqualTo("evt-0001");
    assertThat(result.getTenant()).isEqualTo("tenant-a");
    assertThat(result.getWorkflow()).isEqualTo("message-triage");
    assertThat(result.getPatientToken()).isEqualTo("[NAME-77aa88bb]");
    assertThat(result.getModelId()).isEqualTo("recording");
    assertThat(result.getModelVersion()).startsWith("1+redflags.");
    assertThat(result.getLabel()).isEqualTo("medication-question");
    assertThat(result.getConfidence()).isEqualTo(0.9);
    assertThat(result.getCreatedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void shouldHoldAnUrgentResultWithoutCallingTheModelWhenThePromptStillHoldsPhi() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent leaky = Events.portalMessage("Please call me at 617-555-0134 about my refill.");

    List<InferenceService.Attempt> out = service.runBatch(List.of(leaky), CLOCK);

    assertThat(model.prompts).isEmpty();
    assertThat(out.get(0).blocked().rule()).isEqualTo("PHONE");
    assertThat(out.get(0).blocked().getMessage()).doesNotContain("617").doesNotContain("0134");
    InferenceResult result = out.get(0).result();
    assertThat(result.getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(result.getUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(result.getEscalate()).isFalse();
    assertThat(result.getCategory()).isEqualTo(FallbackAssessments.CATEGORY);
    assertThat(result.getRationale()).contains("egress guard rule PHONE").contains("model not run");
    assertThat(result.getModelId()).isEqualTo("recording");
    assertThat(result.getModelVersion()).startsWith("1+redflags.");
    assertThat(result.getPromptSha256()).isEmpty();
    assertThat(result.toString()).doesNotContain("617").doesNotContain("0134");
    assertThat(service.run(leaky, CLOCK).getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(model.prompts).isEmpty();
  }

  @Test
  void shouldRaiseABlockedCrisisMessageToEmergencyWithTheLocalSafetyNet() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent leaky = Events.portalMessage("this is Jo Smith, I took all my pills");

    InferenceService.Attempt out = service.runBatch(List.of(leaky), CLOCK).get(0);

    assertThat(model.prompts).isEmpty();
    assertThat(out.blocked().rule()).isEqualTo("NAME_GAZETTEER");
    InferenceResult result = out.result();
    assertThat(result.getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(result.getModelUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(result.getUrgencySource()).isEqualTo(UrgencySource.SAFETY_NET);
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getRedFlags()).contains("crisis.overdose");
    assertThat(result.getDraftText()).contains("988");
    assertThat(result.getRationale()).contains("NAME_GAZETTEER");
    assertThat(result.toString()).doesNotContain("Jo Smith").doesNotContain("Smith");
  }

  @Test
  void shouldGiveTheBlockedResultWhenAFallbackPromptStillHoldsPhi() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);

    InferenceService.Attempt out = service.fallback(Events.portalMessage("call me at 617-555-0134"),
        FallbackAssessments.unavailable("", "budget-spent"), CLOCK);

    assertThat(out.blocked().rule()).isEqualTo("PHONE");
    assertThat(out.result().getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(out.result().getUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(model.prompts).isEmpty();
  }

  /** Answers a fixed triage assessment at the given urgency. */
  static final class FixedTriage implements ClinicalModel {
    private final Urgency urgency;

    FixedTriage(Urgency urgency) {
      this.urgency = urgency;
    }

    @Override
    public Assessment infer(String workflow, String prompt) {
      return new Assessment("portal-triage", "medication", 0.9, urgency, "fixed", List.of(), "model draft", null,
          null, ResultStatus.OK);
    }

    @Override
    public String modelId() {
      return "fixed";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  }

  @Test
  void shouldLetTheSafetyNetRaiseARoutineModelToEmergencyAndKeepTheModelsUrgency() {
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(),
        new FixedTriage(Urgency.ROUTINE));

    InferenceResult result = service.run(Events.portalMessage("Refill please. Also crushing chest pain since an "
        + "hour ago."), CLOCK);

    assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(result.getModelUrgency()).isEqualTo(Urgency.ROUTINE);
    assertThat(result.getUrgencySource()).isEqualTo(UrgencySource.SAFETY_NET);
    assertThat(result.getRedFlags()).contains("cardiac.chest-pain");
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getDraftText()).contains("911");
  }

  @Test
  void shouldNeverLowerTheModelsUrgency() {
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(),
        new FixedTriage(Urgency.URGENT));

    InferenceResult result = service.run(Events.portalMessage("Just a refill of my statin please."), CLOCK);

    assertThat(result.getUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(result.getUrgencySource()).isEqualTo(UrgencySource.MODEL);
    assertThat(result.getDraftText()).isEqualTo("model draft");
  }

  @Test
  void shouldGiveCrisisResourcesAndEscalateForSuicidality() {
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(),
        new FixedTriage(Urgency.ROUTINE));

    InferenceResult result = service.run(Events.portalMessage("Please cancel my appointment. I've been saving up "
        + "my pills and I won't need it."), CLOCK);

    assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getDraftText()).contains("988").contains("911");
    assertThat(result.getRedFlags()).contains("crisis.suicidality");
  }

  @Test
  void shouldRunTheEmbeddedModelEndToEndWithTokensUnchanged() {
    EmbeddedModel model = new EmbeddedModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent event = Events.portalMessage(
        "Hello, this is [NAME-4f2a9c01].",
        "Since this morning I have crushing chest pain and I am short of breath, [NAME-0b1c2d3e] is with me.");

    InferenceResult result = service.run(event, CLOCK);

    assertThat(result.getCategory()).isEqualTo("symptom");
    assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(result.getModelId()).isEqualTo(EmbeddedModel.MODEL_ID);
    assertThat(result.getModelVersion()).startsWith(model.modelVersion());
    assertThat(result.getPromptSha256()).isEqualTo(PromptBuilder.sha256Hex(new PromptBuilder().build(event)));
  }

  @Test
  void shouldRunABatchInOrderAndReportBlockedEventsWithoutCallingTheModel() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);

    List<InferenceService.Attempt> out = service.runBatch(List.of(
        Events.portalMessage("refill please"), Events.portalMessage("call me at 617-555-0134"),
        Events.portalMessage("thanks")), CLOCK);

    assertThat(out).hasSize(3);
    assertThat(out.get(0).result()).isNotNull();
    assertThat(out.get(1).blocked()).isNotNull();
    assertThat(out.get(1).result().getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(out.get(0).blocked()).isNull();
    assertThat(out.get(2).result()).isNotNull();
    assertThat(model.prompts).hasSize(2).noneMatch(p -> p.contains("617"));
  }

  @Test
  void shouldRaiseAnIndirectCrisisTheLexiconMissesToEmergencyAfterAnyModel() {
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(),
        new FixedTriage(Urgency.ROUTINE));

    List<InferenceService.Attempt> results = service.runBatch(List.of(Events.portalMessage(
        "Honestly it would be a relief for them if I slipped away quietly.")), CLOCK);

    InferenceResult result = results.get(0).result();
    assertThat(result.getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(result.getModelUrgency()).isEqualTo(Urgency.ROUTINE);
    assertThat(result.getUrgencySource()).isEqualTo(UrgencySource.SAFETY_NET);
    assertThat(result.getRedFlags()).contains("crisis.suicidality");
    assertThat(result.getEscalate()).isTrue();
    assertThat(result.getDraftText()).contains("988");
    assertThat(result.getRationale()).contains("by meaning: crisis.suicidality");
  }

  /** A model whose batch call throws when any prompt holds "odd"; alone, only that prompt throws. */
  static final class OddBatchModel implements ClinicalModel {
    final List<Integer> calls = new ArrayList<>();

    @Override
    public Assessment infer(String workflow, String prompt) {
      return inferBatch(workflow, List.of(prompt)).get(0);
    }

    @Override
    public List<Assessment> inferBatch(String workflow, List<String> prompts) {
      calls.add(prompts.size());
      if (prompts.stream().anyMatch(p -> p.contains("odd"))) {
        throw new IllegalStateException("cannot read " + prompts);
      }
      return prompts.stream().map(p -> new Assessment("portal-triage", "medication", 0.9, Urgency.SOON, "fixed",
          List.of(), "model draft", null, null, ResultStatus.OK)).toList();
    }

    @Override
    public String modelId() {
      return "odd";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  }

  @Test
  void shouldAskAFailedModelBatchAgainItemByItemSoOnlyTheBadItemFallsBack() {
    OddBatchModel model = new OddBatchModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model,
        new org.phigate.inference.safety.SafetyNet(org.phigate.inference.safety.RedFlagLexicon.load()));

    List<InferenceService.Attempt> out = service.runBatch(List.of(Events.portalMessage("refill please"),
        Events.portalMessage("an odd one"), Events.portalMessage("thanks")), CLOCK);

    assertThat(model.calls).containsExactly(3, 1, 1, 1);
    assertThat(out.get(0).result().getStatus()).isEqualTo(ResultStatus.OK);
    assertThat(out.get(0).result().getUrgency()).isEqualTo(Urgency.SOON);
    assertThat(out.get(2).result().getStatus()).isEqualTo(ResultStatus.OK);
    InferenceResult bad = out.get(1).result();
    assertThat(bad.getStatus()).isEqualTo(ResultStatus.MODEL_UNAVAILABLE);
    assertThat(bad.getUrgency()).isEqualTo(Urgency.URGENT);
    assertThat(bad.getUrgencySource()).isEqualTo(UrgencySource.FALLBACK);
    assertThat(bad.getRationale()).contains("model-error:IllegalStateException");
    assertThat(bad.toString()).doesNotContain("odd one");
  }

  @Test
  void shouldNeverHoldAStepFailureBelowWhatTheModelSaid() {
    org.phigate.inference.safety.SemanticRedFlags failing = new org.phigate.inference.safety.SemanticRedFlags() {
      @Override
      public List<java.util.Set<String>> detect(List<String> texts) {
        throw new IllegalStateException("detector down");
      }

      @Override
      public String version() {
        return "down";
      }
    };
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(),
        new FixedTriage(Urgency.EMERGENCY), new org.phigate.inference.safety.SafetyNet(
            org.phigate.inference.safety.RedFlagLexicon.load(), List.of(failing)));

    InferenceService.Attempt out = service.runBatch(List.of(Events.portalMessage("my ankle looks odd")), CLOCK)
        .get(0);

    assertThat(out.failure()).isEqualTo("safety-net-detector:IllegalStateException");
    assertThat(out.result().getStatus()).isEqualTo(ResultStatus.AI_STEP_FAILED);
    assertThat(out.result().getUrgency()).isEqualTo(Urgency.EMERGENCY);
    assertThat(out.result().getEscalate()).isTrue();
  }

  @Test
  void shouldMarkAFallbackUrgencyAsTheFallbacksNotTheModels() {
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), new RecordingModel());

    InferenceResult result = service.run(Events.portalMessage("Please call me at 617-555-0134."), CLOCK);

    assertThat(result.getStatus()).isEqualTo(ResultStatus.EGRESS_BLOCKED);
    assertThat(result.getUrgencySource()).isEqualTo(UrgencySource.FALLBACK);
  }
}
