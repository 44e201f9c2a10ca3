package org.phigate.inference.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.inference.Assessment;
import org.phigate.schema.Urgency;

class EmbeddedModelTest {
  private static final EmbeddedModel MODEL = new EmbeddedModel();

  @Test
  void shouldClassifyClearMessagesByCategory() {
    List<Assessment> out = MODEL.inferBatch(EmbeddedModel.TRIAGE, List.of(
        "Could you send a refill of my lisinopril to the pharmacy? I have three pills left.",
        "I need to reschedule my appointment next Tuesday to later in the week.",
        "Why was I charged twice on my bill? My insurance should have covered the visit.",
        "Can you fill out my FMLA paperwork for work?"));

    assertThat(out).extracting(Assessment::category)
        .containsExactly("medication", "appointment", "billing", "forms");
    assertThat(out).allSatisfy(a -> {
      assertThat(a.urgency()).isIn(Urgency.ROUTINE, Urgency.SOON);
      assertThat(a.draftText()).isNotBlank();
      assertThat(a.rationale()).startsWith("Trained classifier");
    });
  }

  @Test
  void shouldGiveTheSameAnswerAloneAndInABatch() {
    // each text runs alone through the quantized model, so its batch-mates cannot move its scores at all
    String text = "I've had a fever and a cough for a week and it's getting worse.";
    Assessment alone = MODEL.infer(EmbeddedModel.TRIAGE, text);
    Assessment batched = MODEL.inferBatch(EmbeddedModel.TRIAGE, List.of("refill please", text, "thanks")).get(1);

    assertThat(batched.category()).isEqualTo(alone.category());
    assertThat(batched.urgency()).isEqualTo(alone.urgency());
    assertThat(batched.confidence()).isEqualTo(alone.confidence());
    assertThat(batched.rationale()).isEqualTo(alone.rationale());
  }

  @Test
  void shouldSayAResultNeedsActionUnlessTheFindingIsNegated() {
    Assessment abnormal = MODEL.infer(EmbeddedModel.FOLLOW_UP, "Potassium 6.1 mmol/L, flagged critical high.");
    Assessment normal = MODEL.infer(EmbeddedModel.FOLLOW_UP, "Chest x-ray: no acute abnormality. No effusion.");

    assertThat(abnormal.needsAction()).isTrue();
    assertThat(abnormal.rationale()).contains("critical.value");
    assertThat(normal.needsAction()).isFalse();
  }

  @Test
  void shouldSummarizeANoteWithItsMostCentralSentences() {
    Assessment a = MODEL.infer(EmbeddedModel.SUMMARY, "Patient seen for diabetes follow-up. A1c improved to 7.1 "
        + "on metformin. Weather was nice. Continue metformin and recheck A1c in three months.");

    assertThat(a.summary()).isNotBlank().doesNotContain("Weather");
    assertThat(a.summary().split("(?<=\\.) ")).hasSize(2);
  }

  @Test
  void shouldVersionByTheFittedWeightsFile() {
    assertThat(MODEL.modelVersion()).contains("+triage." + TriageWeights.shipped().sha256().substring(0, 12));
    assertThat(MODEL.weights().category().labels()).containsExactlyInAnyOrder("medication", "symptom",
        "appointment", "results", "billing", "forms", "other");
  }
}
