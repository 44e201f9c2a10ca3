package org.phigate.inference;

import java.time.Clock;
import java.util.Objects;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.UrgencySource;

/**
 * The inference step for one de-identified event: build the exact prompt, let the egress
 * guard re-scan it (fail closed), run the model, and record model id, version and the
 * SHA-256 of the exact prompt in the result. Thread-safe when its parts are.
 */
public final class InferenceService {

  private final PromptBuilder promptBuilder;
  private final EgressGuard guard;
  private final ClinicalModel model;

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model) {
    this.promptBuilder = Objects.requireNonNull(promptBuilder, "promptBuilder");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * @throws EgressBlockedException when the prompt must not reach the model; the model is
   *     not called
   */
  public InferenceResult run(DeidentifiedEvent event, Clock clock) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(clock, "clock");
    String prompt = promptBuilder.build(event);
    guard.check(prompt);
    Assessment out = model.infer(event.getWorkflow(), prompt);
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(model.modelId())
        .setModelVersion(model.modelVersion())
        .setPromptSha256(PromptBuilder.sha256Hex(prompt))
        .setLabel(out.label())
        .setConfidence(out.confidence())
        .setDraftText(out.draftText())
        .setCreatedAt(clock.instant())
        .setTask(out.task())
        .setCategory(out.category())
        .setUrgency(out.urgency())
        .setModelUrgency(out.urgency())
        .setUrgencySource(out.urgency() == null ? null : UrgencySource.MODEL)
        .setRationale(out.rationale())
        .setRedFlags(out.redFlags())
        .setSummary(out.summary())
        .setNeedsAction(out.needsAction())
        .setStatus(out.status())
        .build();
  }

  public ClinicalModel model() {
    return model;
  }
}
