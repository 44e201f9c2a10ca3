package org.phigate.inference;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.UrgencySource;

/**
 * The AI_STEP_FAILED result of an event a step failed for ({@link FallbackAssessments#stepFailed}): never below the
 * model's urgency when it had answered, raised by whatever verdict the safety net could give, escalated when not even
 * the lexicon read the text; its draft is best effort, and when even building that result fails, a bare one from the
 * event's required fields. Never throws for the event's sake. Thread-safe.
 */
final class FailSafeResults {
  private static final SafetyNet.Verdict NOTHING = new SafetyNet.Verdict(List.of(), List.of(), List.of());

  private final ResultBuilder results;
  private final SafetyNetStep net;

  FailSafeResults(ResultBuilder results, SafetyNetStep net) {
    this.results = Objects.requireNonNull(results, "results");
    this.net = Objects.requireNonNull(net, "net");
  }

  /** The fail-safe attempt of an item whose {@code failure} is set. */
  InferenceService.Attempt failed(InferenceItem item, Clock clock) {
    Assessment fallback = FallbackAssessments.stepFailed(item.failure,
        item.answer == null ? null : item.answer.urgency());
    SafetyNet.Verdict verdict = item.bestVerdict();
    String hash = item.prompt == null || item.blocked != null ? "" : PromptBuilder.sha256Hex(item.prompt);
    InferenceResult result;
    try {
      result = results.complete(item.event, hash, fallback, verdict == null ? NOTHING : verdict, net.version(item),
          clock, true);
    } catch (RuntimeException e) {
      result = bare(item.event, fallback, clock);
    }
    if (item.lexical == null) {
      result.setEscalate(true);
      result.setRationale(result.getRationale() + " Safety net lexicon did not run: escalated.");
    }
    return new InferenceService.Attempt(result, item.blocked, item.failure);
  }

  /** The fail-safe result from the event's required fields and the fallback alone, for when even that failed. */
  private InferenceResult bare(DeidentifiedEvent event, Assessment fallback, Clock clock) {
    ClinicalModel model = results.model();
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(orUnknown(model::modelId))
        .setModelVersion(orUnknown(model::modelVersion))
        .setPromptSha256("")
        .setLabel(fallback.label())
        .setConfidence(0.0)
        .setDraftText("")
        .setCreatedAt(clock.instant())
        .setCategory(fallback.category())
        .setUrgency(fallback.urgency())
        .setModelUrgency(fallback.urgency())
        .setUrgencySource(UrgencySource.FALLBACK)
        .setRationale(fallback.rationale())
        .setEscalate(true)
        .setStatus(fallback.status())
        .build();
  }

  private static String orUnknown(Supplier<String> value) {
    try {
      return Objects.requireNonNullElse(value.get(), "unknown");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
