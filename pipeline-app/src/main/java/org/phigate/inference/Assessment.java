package org.phigate.inference;

import java.util.List;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;

/**
 * What a model concluded for one prompt, typed per workflow; tokens only, never PHI.
 *
 * @param task the model task, e.g. {@code portal-triage}, {@code note-summary}, {@code result-follow-up}
 * @param category workflow-specific category id (portal triage: medication, symptom, appointment, results,
 *     billing, forms, other); also the result's {@code label}
 * @param confidence in [0, 1]
 * @param urgency the model's urgency; null for workflows without one
 * @param rationale short reason for category and urgency
 * @param redFlags ids of red flags the model itself reported (the safety net adds its own)
 * @param draftText draft for the clinician; may contain PHIGate tokens, never PHI
 * @param summary note summary (note-summary), else null
 * @param needsAction whether a result needs action (result-follow-up), else null
 * @param status OK, or why the model gave no usable output (the result still goes to review)
 * @param servedModel model and version the remote server reported for this answer, or null (then the result
 *     records the model's configured {@link ClinicalModel#modelVersion()})
 */
public record Assessment(String task, String category, double confidence, Urgency urgency, String rationale,
                         List<String> redFlags, String draftText, String summary, Boolean needsAction,
                         ResultStatus status, String servedModel) {
  /** An assessment without a server-reported model version. */
  public Assessment(String task, String category, double confidence, Urgency urgency, String rationale,
                    List<String> redFlags, String draftText, String summary, Boolean needsAction,
                    ResultStatus status) {
    this(task, category, confidence, urgency, rationale, redFlags, draftText, summary, needsAction, status, null);
  }

  public Assessment {
    if (category == null || category.isBlank()) {
      throw new IllegalArgumentException("category must not be blank");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]");
    }
    task = task == null ? "" : task;
    rationale = rationale == null ? "" : rationale;
    redFlags = redFlags == null ? List.of() : List.copyOf(redFlags);
    draftText = draftText == null ? "" : draftText;
    status = status == null ? ResultStatus.OK : status;
  }

  /** An untyped classifier output: a label, its confidence and a draft. */
  public static Assessment labelled(String label, double confidence, String draftText) {
    return new Assessment("", label, confidence, null, "", List.of(), draftText, null, null, ResultStatus.OK);
  }

  /** This assessment with the model version the server reported. */
  public Assessment withServedModel(String served) {
    return new Assessment(task, category, confidence, urgency, rationale, redFlags, draftText, summary, needsAction,
        status, served);
  }

  /** The classifier label: the category. */
  public String label() {
    return category;
  }
}
