package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;

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
    assertThat(result.getModelVersion()).isEqualTo("1");
    assertThat(result.getLabel()).isEqualTo("medication-question");
    assertThat(result.getConfidence()).isEqualTo(0.9);
    assertThat(result.getCreatedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void shouldBlockBeforeTheModelWhenThePromptStillHoldsPhi() {
    RecordingModel model = new RecordingModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent leaky = Events.portalMessage("Please call me at 617-555-0134 about my refill.");

    EgressBlockedException e = catchThrowableOfType(EgressBlockedException.class, () -> service.run(leaky, CLOCK));

    assertThat(e.rule()).isEqualTo("PHONE");
    assertThat(e.getMessage()).doesNotContain("617").doesNotContain("0134");
    assertThat(model.prompts).isEmpty();
  }

  @Test
  void shouldRunTheEmbeddedModelEndToEndWithTokensUnchanged() {
    EmbeddedTriageModel model = new EmbeddedTriageModel();
    InferenceService service = new InferenceService(new PromptBuilder(), new EgressGuard(), model);
    DeidentifiedEvent event = Events.portalMessage(
        "Hello, this is [NAME-4f2a9c01].",
        "Since this morning I have crushing chest pain and I am short of breath, [NAME-0b1c2d3e] is with me.");

    InferenceResult result = service.run(event, CLOCK);

    System.out.println("[end-to-end] " + result.getLabel() + " " + result.getDraftText());
    assertThat(result.getLabel()).isEqualTo("urgent-clinical");
    assertThat(result.getModelId()).isEqualTo(EmbeddedTriageModel.MODEL_ID);
    assertThat(result.getModelVersion()).isEqualTo(model.modelVersion()).startsWith("1.19.0-beta29+");
    assertThat(result.getPromptSha256()).isEqualTo(PromptBuilder.sha256Hex(new PromptBuilder().build(event)));
    assertThat(result.getDraftText()).contains(
        "\"Since this morning I have crushing chest pain and I am short of breath, [NAME-0b1c2d3e] is with me.\"");
  }
}
