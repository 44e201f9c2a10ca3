package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.UrgencySource;

/**
 * The inference step for de-identified events: build the exact prompt, let the egress guard re-scan it (fail
 * closed), run the model (one event or a batch), and record model id, version and the SHA-256 of the exact prompt in
 * the result. Thread-safe when its parts are.
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

  /** One event's outcome in a batch: a result, or the guard's refusal (the model never saw that prompt). */
  public record Attempt(InferenceResult result, EgressBlockedException blocked) {}

  /**
   * @throws EgressBlockedException when the prompt must not reach the model; the model is
   *     not called
   */
  public InferenceResult run(DeidentifiedEvent event, Clock clock) {
    Attempt attempt = runBatch(List.of(Objects.requireNonNull(event, "event")), clock).get(0);
    if (attempt.blocked() != null) {
      throw attempt.blocked();
    }
    return attempt.result();
  }

  /**
   * Runs many events, one model batch per workflow, and returns one attempt per event in input order. A model that
   * fails (throws, or answers with the wrong number of results) gives every event of its batch a
   * {@link FallbackAssessments#unavailable} result, which still goes to review.
   */
  public List<Attempt> runBatch(List<DeidentifiedEvent> events, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Attempt[] out = new Attempt[events.size()];
    String[] prompts = new String[events.size()];
    Map<String, List<Integer>> byWorkflow = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      DeidentifiedEvent event = events.get(i);
      String prompt = promptBuilder.build(event);
      try {
        guard.check(prompt);
      } catch (EgressBlockedException e) {
        out[i] = new Attempt(null, e);
        continue;
      }
      prompts[i] = prompt;
      byWorkflow.computeIfAbsent(event.getWorkflow(), w -> new ArrayList<>()).add(i);
    }
    byWorkflow.forEach((workflow, indexes) -> {
      List<String> batch = indexes.stream().map(i -> prompts[i]).toList();
      List<Assessment> answers = answers(workflow, batch);
      for (int j = 0; j < indexes.size(); j++) {
        int i = indexes.get(j);
        out[i] = new Attempt(complete(events.get(i), prompts[i], answers.get(j), clock), null);
      }
    });
    return List.of(out);
  }

  /**
   * The result of an event whose model call gave nothing usable in time (e.g. the wall-clock budget ran out): the
   * given fallback assessment, recorded like any model output.
   */
  public InferenceResult fallback(DeidentifiedEvent event, Assessment assessment, Clock clock) {
    String prompt = promptBuilder.build(event);
    guard.check(prompt);
    return complete(event, prompt, assessment, clock);
  }

  private List<Assessment> answers(String workflow, List<String> prompts) {
    try {
      List<Assessment> answers = model.inferBatch(workflow, prompts);
      if (answers != null && answers.size() == prompts.size() && !answers.contains(null)) {
        return answers;
      }
      return prompts.stream().map(p -> FallbackAssessments.unavailable("", "model-returned-wrong-count")).toList();
    } catch (RuntimeException e) {
      // the exception's message may echo model input: only its type is recorded
      String reason = "model-error:" + e.getClass().getSimpleName();
      return prompts.stream().map(p -> FallbackAssessments.unavailable("", reason)).toList();
    }
  }

  /** Turns a model's assessment into the result; the one place every model output, embedded or remote, passes. */
  private InferenceResult complete(DeidentifiedEvent event, String prompt, Assessment out, Clock clock) {
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(model.modelId())
        .setModelVersion(out.servedModel() != null ? out.servedModel() : model.modelVersion())
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
