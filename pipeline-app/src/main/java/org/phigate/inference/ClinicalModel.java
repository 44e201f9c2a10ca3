package org.phigate.inference;

/**
 * The AI step of the inference zone. Implementations receive only the exact, already
 * de-identified prompt built by {@link PromptBuilder} and checked by {@link EgressGuard}.
 * They must be thread-safe: one instance serves every stream thread of the JVM.
 */
public interface ClinicalModel {

  /**
   * Assesses a prompt: typed output for the workflow (category, urgency, rationale, draft, summary or
   * needs-action) that a clinician reviews. The red-flag safety net runs after every model and may only raise
   * the urgency this returns.
   *
   * @param workflow the event's workflow (e.g. {@code message-triage}); unknown workflows
   *     get a generic label set
   * @param prompt the exact model input
   */
  Assessment infer(String workflow, String prompt);

  /**
   * Assesses several prompts of one workflow at once, in order (one result per prompt). Models that batch (one
   * embedding call for many texts, one remote request per item on a pool) override this; callers off the stream
   * thread use it to keep throughput up.
   */
  default java.util.List<Assessment> inferBatch(String workflow, java.util.List<String> prompts) {
    return prompts.stream().map(p -> infer(workflow, p)).toList();
  }

  /** Stable identifier of the model family, recorded in every result and audit event. */
  String modelId();

  /** Version of the model including anything that changes its behaviour. */
  String modelVersion();
}
