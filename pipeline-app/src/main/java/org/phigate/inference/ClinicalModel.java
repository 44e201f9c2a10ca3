package org.phigate.inference;

/**
 * The AI step of the inference zone. Implementations receive only the exact, already
 * de-identified prompt built by {@link PromptBuilder} and checked by {@link EgressGuard}.
 * They must be thread-safe: one instance serves every stream thread of the JVM.
 */
public interface ClinicalModel {

  /**
   * Classifies a prompt and drafts a short note for the clinician.
   *
   * @param workflow the event's workflow (e.g. {@code message-triage}); unknown workflows
   *     get a generic label set
   * @param prompt the exact model input
   */
  ModelOutput infer(String workflow, String prompt);

  /** Stable identifier of the model family, recorded in every result and audit event. */
  String modelId();

  /** Version of the model including anything that changes its behaviour. */
  String modelVersion();

  /**
   * What the model produced.
   *
   * @param label classifier label, e.g. {@code urgent-clinical}
   * @param confidence in [0, 1]
   * @param draftText draft for the clinician; may contain PHIGate tokens, never PHI
   */
  record ModelOutput(String label, double confidence, String draftText) {
    public ModelOutput {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("label must not be blank");
      }
      if (!(confidence >= 0.0 && confidence <= 1.0)) {
        throw new IllegalArgumentException("confidence must be in [0, 1]");
      }
      draftText = draftText == null ? "" : draftText;
    }
  }
}
