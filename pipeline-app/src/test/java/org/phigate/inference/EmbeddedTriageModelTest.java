package org.phigate.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedTriageModelTest {

  /** Held-out examples: written independently of the prototype file, none of them appear in it. */
  record Example(String workflow, String text, String expected) {}

  static final List<Example> HELD_OUT = List.of(
      new Example("message-triage", "I have crushing chest pain since this morning and I feel sweaty.", "urgent-clinical"),
      new Example("message-triage", "My husband [NAME-4f2a9c01] is having trouble breathing and his lips look blue.", "urgent-clinical"),
      new Example("message-triage", "I don't want to live anymore and I keep thinking about ending it.", "urgent-clinical"),
      new Example("message-triage", "I cut my hand badly and the bleeding won't stop even with pressure.", "urgent-clinical"),
      new Example("message-triage", "Hi, hope you are well. Thanks for seeing me last time. "
          + "Since last night I have severe chest tightness and I can't catch my breath.", "urgent-clinical"),
      new Example("message-triage", "Good morning. I hope the office is doing well. I wanted to ask about my lab results "
          + "from last week. Also, since an hour ago my right arm feels weak and my speech is slurred. Thank you.",
          "urgent-clinical"),
      new Example("message-triage", "Can you refill my lisinopril? I only have two pills left.", "medication-question"),
      new Example("message-triage", "Hello. Hope you had a nice weekend. My mail-order pharmacy needs a refill request "
          + "for my atorvastatin. Thanks so much.", "medication-question"),
      new Example("message-triage", "Is it okay to take Tylenol together with my blood thinner?", "medication-question"),
      new Example("message-triage", "The pharmacy at [GEO-1a2b3c4d] needs a new prescription for my metformin.", "medication-question"),
      new Example("message-triage", "I need to move my Thursday appointment to sometime next week.", "appointment-scheduling"),
      new Example("message-triage", "Can I get an appointment with Dr. [NAME-0b1c2d3e] for a checkup?", "appointment-scheduling"),
      new Example("message-triage", "Please cancel my visit tomorrow, I will be out of town.", "appointment-scheduling"),
      new Example("message-triage", "Thanks for the visit. The new blood pressure medicine is working well. "
          + "Is anything open next month for my follow-up? Have a great day.", "appointment-scheduling"),
      new Example("message-triage", "I got a statement saying I owe money but my insurance should have paid it.", "billing-administrative"),
      new Example("message-triage", "Could you send a copy of my vaccination records for my new job?", "billing-administrative"),
      new Example("message-triage", "How do I reset my password for the portal?", "billing-administrative"),
      new Example("message-triage", "I have had a stuffy nose for a week, is it allergies or a cold?", "routine-clinical-question"),
      new Example("message-triage", "My cholesterol was a little high, should I change my diet?", "routine-clinical-question"),
      new Example("message-triage", "Is some mild soreness at the injection site normal?", "routine-clinical-question"),
      new Example("note-summary", "Type 2 diabetes and hypertension, both stable. Continue metformin, recheck A1c in 3 months.", "chronic-disease-follow-up"),
      new Example("note-summary", "Two days of fever, chills and painful urination. Started antibiotics.", "acute-problem"),
      new Example("note-summary", "Annual exam. Tetanus booster given. Discussed colon cancer screening.", "preventive-care"),
      new Example("note-summary", "Low mood for several months, trouble sleeping, no interest in activities. Referred to counseling.", "mental-health"),
      new Example("note-summary", "Status post right knee arthroscopy. Incision clean, no signs of infection.", "procedure-surgery"),
      new Example("result-follow-up", "Sodium critically low at 118, physician notified.", "abnormal-result-needs-action"),
      new Example("result-follow-up", "CT head: no acute intracranial abnormality.", "normal-result-notify"),
      new Example("result-follow-up", "Final report pending; specimen forwarded for additional testing.", "pending-incomplete"),
      new Example("result-follow-up", "Hemoglobin A1c 6.1, within reference range.", "normal-result-notify"));

  static EmbeddedTriageModel model;

  @BeforeAll
  static void loadOnce() {
    long t0 = System.nanoTime();
    EmbeddedTriageModel.embedder();
    long t1 = System.nanoTime();
    model = new EmbeddedTriageModel();
    model.warmUp();
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "[timing] ONNX model load %.0f ms; prototype centroids (%d sentences) %.0f ms%n",
        (t1 - t0) / 1e6, prototypeCount(), (t2 - t1) / 1e6);
  }

  @Test
  void shouldClassifyHeldOutExamplesWithAccuracyOfAtLeast80Percent() {
    double accuracy = accuracy(model, "max");
    System.out.printf(Locale.ROOT, "[accuracy] held-out %d examples, max-sentence scoring: %.3f%n",
        HELD_OUT.size(), accuracy);
    assertThat(accuracy).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void shouldClassifyTheBriefsExamples() {
    assertThat(model.infer("message-triage", "I have crushing chest pain since this morning").label())
        .isEqualTo("urgent-clinical");
    assertThat(model.infer("message-triage", "Can you refill my lisinopril").label())
        .isEqualTo("medication-question");
  }

  @Test
  void shouldReportMeanVectorScoringForComparison() {
    EmbeddedTriageModel mean = new EmbeddedTriageModel(EmbeddedTriageModel.DEFAULT_PROTOTYPES,
        EmbeddedTriageModel.Scoring.MEAN_VECTOR);
    double accuracy = accuracy(mean, "mean");
    System.out.printf(Locale.ROOT, "[accuracy] held-out %d examples, mean-vector scoring: %.3f%n",
        HELD_OUT.size(), accuracy);
    assertThat(mean.modelVersion()).isEqualTo(model.modelVersion());
  }

  @Test
  void shouldQuoteKeySentencesWithTokensUnchanged() {
    String prompt = "workflow: message-triage\nmessage-type: Communication\nphi-category-counts: NAME=2\n"
        + PromptBuilder.BODY_MARKER + "\n"
        + "Hello, this is [NAME-4f2a9c01] writing for my father [NAME-0b1c2d3e]. "
        + "He has crushing chest pain and is short of breath since this morning.\n";

    Assessment out = model.infer("message-triage", prompt);

    System.out.println("[draft] " + out.draftText());
    assertThat(out.label()).isEqualTo("urgent-clinical");
    assertThat(out.confidence()).isBetween(0.0, 1.0);
    assertThat(out.draftText())
        .startsWith("Suggested triage: urgent-clinical (")
        .contains("He has crushing chest pain and is short of breath since this morning.")
        .doesNotContain("workflow:")
        .doesNotContain("someone");
    assertThat(prompt).contains(quotedSentences(out.draftText()));
    if (out.draftText().contains("[NAME-")) {
      assertThat(out.draftText()).contains("[NAME-4f2a9c01]", "[NAME-0b1c2d3e]");
    }
  }

  @Test
  void shouldKeepTokensVerbatimWhenTheTokenSentenceIsTheKeySentence() {
    Assessment out = model.infer("message-triage",
        "Please send a refill of [NAME-4f2a9c01]'s albuterol inhaler to [GEO-a1b2c3d4].");

    assertThat(out.label()).isEqualTo("medication-question");
    assertThat(out.draftText()).contains("\"Please send a refill of [NAME-4f2a9c01]'s albuterol inhaler to [GEO-a1b2c3d4].\"");
  }

  @Test
  void shouldHaveAStableVersionDerivedFromThePrototypeFile() throws Exception {
    EmbeddedTriageModel second = new EmbeddedTriageModel();
    String sha;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(EmbeddedTriageModel.DEFAULT_PROTOTYPES)) {
      sha = PromptBuilder.sha256Hex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    assertThat(second.modelVersion()).isEqualTo(model.modelVersion())
        .isEqualTo("1.19.0-beta29+" + sha.substring(0, 8));
    assertThat(second.modelId()).isEqualTo("all-minilm-l6-v2-q-nearest-centroid");
    System.out.println("[version] " + second.modelId() + " " + second.modelVersion());
  }

  @Test
  void shouldUseTheGenericLabelSetForUnknownWorkflows() {
    Assessment out = model.infer("radiology-protocoling", "Severe chest pain and dizziness.");

    assertThat(model.labels().get(EmbeddedTriageModel.FALLBACK_WORKFLOW)).contains(out.label());
    assertThat(out.draftText()).startsWith("Suggested category: ");
  }

  @Test
  void shouldReturnInsufficientTextForAnEmptyBody() {
    Assessment out = model.infer("message-triage", "workflow: message-triage\n### text\n");

    assertThat(out.label()).isEqualTo(EmbeddedTriageModel.NO_TEXT_LABEL);
    assertThat(out.confidence()).isZero();
  }

  @Test
  void shouldShipAtLeastEightPrototypesPerLabel() {
    assertThat(model.labels().get("message-triage")).containsExactly("urgent-clinical", "medication-question",
        "appointment-scheduling", "billing-administrative", "routine-clinical-question");
    assertThat(model.labels().get("result-follow-up")).containsExactly("abnormal-result-needs-action",
        "normal-result-notify", "pending-incomplete");
    System.out.println("[labels] " + model.labels());
  }

  private static double accuracy(EmbeddedTriageModel m, String tag) {
    int correct = 0;
    for (Example ex : HELD_OUT) {
      Assessment out = m.infer(ex.workflow(), ex.text());
      boolean ok = out.label().equals(ex.expected());
      correct += ok ? 1 : 0;
      if (tag.equals("max") || !ok) {
        System.out.printf(Locale.ROOT, "[held-out " + tag + "] %s %-28s -> %-28s %.2f  %s%n", ok ? "OK  " : "MISS",
            ex.expected(), out.label(), out.confidence(), ex.text());
      }
    }
    return (double) correct / HELD_OUT.size();
  }

  private static String quotedSentences(String draft) {
    int first = draft.indexOf('"');
    return draft.substring(first + 1, draft.indexOf('"', first + 1));
  }

  private static int prototypeCount() {
    try (InputStream in = EmbeddedTriageModelTest.class.getClassLoader()
        .getResourceAsStream(EmbeddedTriageModel.DEFAULT_PROTOTYPES)) {
      return (int) new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
