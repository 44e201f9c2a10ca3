package org.phigate.inference;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.drafts.TriageDrafts;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

/**
 * Turns an assessment (the model's, or a fallback) and the safety net's verdict into the {@link InferenceResult}:
 * the one place every model output passes, so the net's raise applies to all of them. A red flag above the model's
 * urgency sets the urgency ({@code urgencySource} SAFETY_NET, {@code modelUrgency} kept) and swaps the draft for the
 * raised urgency's; a crisis gives the crisis reply and {@code escalate}, as does any EMERGENCY. Thread-safe.
 */
final class ResultBuilder {
  private final ClinicalModel model;
  private final TriageDrafts drafts;

  ResultBuilder(ClinicalModel model, TriageDrafts drafts) {
    this.model = Objects.requireNonNull(model, "model");
    this.drafts = Objects.requireNonNull(drafts, "drafts");
  }

  ClinicalModel model() {
    return model;
  }

  /**
   * The result of {@code out} raised by {@code verdict}; {@code netVersion} is the safety net's version as it ran
   * for this event. When the draft step throws, a fail-safe result ({@code failSafe}) gets no draft; any other
   * throws a {@link StepFailure} coded {@code draft:ErrorType}.
   */
  InferenceResult complete(DeidentifiedEvent event, String promptSha256, Assessment out, SafetyNet.Verdict verdict,
                           String netVersion, Clock clock, boolean failSafe) {
    Urgency urgency = SafetyNet.raise(out.urgency(), verdict);
    boolean raised = urgency != null && urgency != out.urgency();
    Set<String> flags = new LinkedHashSet<>(out.redFlags());
    flags.addAll(verdict.ids());
    String draft = out.draftText();
    String rationale = out.rationale();
    if (verdict.crisis() || raised && isTriage(out)) {
      try {
        draft = drafts.triage(out.category(), urgency, verdict.crisis());
      } catch (RuntimeException e) {
        if (!failSafe) {
          throw new StepFailure(StepFailure.codeOf("draft", e));
        }
        draft = "";
      }
    }
    if (!verdict.fired().isEmpty()) {
      rationale = (rationale.isBlank() ? "" : rationale + " ") + "Safety net: " + String.join(", ", verdict.ids())
          + (verdict.byMeaning().isEmpty() ? "" : " (by meaning: " + String.join(", ", verdict.byMeaning()) + ")")
          + (raised ? " raised urgency to " + urgency.name().toLowerCase(Locale.ROOT) + "." : ".");
    }
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(model.modelId())
        .setModelVersion((out.servedModel() != null ? out.servedModel() : model.modelVersion()) + "+redflags."
            + netVersion)
        .setPromptSha256(promptSha256)
        .setLabel(out.label())
        .setConfidence(out.confidence())
        .setDraftText(draft)
        .setCreatedAt(clock.instant())
        .setTask(out.task())
        .setCategory(out.category())
        .setUrgency(urgency)
        .setModelUrgency(out.urgency())
        .setUrgencySource(urgency == null ? null : raised ? UrgencySource.SAFETY_NET
            : out.status() != ResultStatus.OK ? UrgencySource.FALLBACK : UrgencySource.MODEL)
        .setRationale(rationale)
        .setRedFlags(List.copyOf(flags))
        .setEscalate(verdict.crisis() || urgency == Urgency.EMERGENCY)
        .setSummary(out.summary())
        .setNeedsAction(out.needsAction())
        .setStatus(out.status())
        .build();
  }

  private static boolean isTriage(Assessment a) {
    return DraftReplies.CATEGORIES.contains(a.category());
  }
}
