package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

/**
 * The inference step for de-identified events (one, or a batch per workflow): build the exact prompt, let the
 * egress guard re-scan it (fail closed), run the model, then the red-flag {@link SafetyNet} over the same text,
 * and record model id, version
 * (with the safety net's lexicon version) and the SHA-256 of the exact prompt in the result.
 *
 * <p>A prompt the guard refuses never reaches the model but still gets a result, so a clinician reads the message:
 * {@link FallbackAssessments#egressBlocked} (status EGRESS_BLOCKED, urgency URGENT) with the safety net run locally
 * on the same text, which raises a crisis to EMERGENCY with escalate. Its prompt hash is empty: there was no model
 * input, and a hash of text that still holds PHI is not recorded.
 *
 * <p>The safety net (lexicon plus the embedding crisis detector) runs after every model, embedded or remote, on
 * the whole batch at once, and can only raise urgency: when it finds a red
 * flag above the model's urgency, the result's urgency is the flag's, {@code urgencySource} is SAFETY_NET,
 * {@code modelUrgency} keeps the model's, and the draft becomes the reply for the raised urgency. Suicidality,
 * overdose, self-harm or harm to others give EMERGENCY, the crisis reply (988, 911) and {@code escalate}; so does
 * any EMERGENCY. Thread-safe when its parts are.
 */
public final class InferenceService {

  private final PromptBuilder promptBuilder;
  private final EgressGuard guard;
  private final ClinicalModel model;
  private final SafetyNet safetyNet;
  private final DraftReplies drafts;

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model) {
    this(promptBuilder, guard, model, SafetyNet.shipped());
  }

  public InferenceService(PromptBuilder promptBuilder, EgressGuard guard, ClinicalModel model, SafetyNet safetyNet) {
    this.promptBuilder = Objects.requireNonNull(promptBuilder, "promptBuilder");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.model = Objects.requireNonNull(model, "model");
    this.safetyNet = Objects.requireNonNull(safetyNet, "safetyNet");
    this.drafts = DraftReplies.shipped();
  }

  /**
   * One event's outcome in a batch: always a result; {@code blocked} is the guard's refusal when the model never saw
   * the prompt (the result is then the EGRESS_BLOCKED fallback), else null.
   */
  public record Attempt(InferenceResult result, EgressBlockedException blocked) {}

  /** One event's result; a prompt the guard refuses gets the EGRESS_BLOCKED fallback and the model is not called. */
  public InferenceResult run(DeidentifiedEvent event, Clock clock) {
    return runBatch(List.of(Objects.requireNonNull(event, "event")), clock).get(0).result();
  }

  /**
   * Runs many events, one model batch per workflow, and returns one attempt per event in input order. A model that
   * fails (throws, or answers with the wrong number of results) gives every event of its batch a
   * {@link FallbackAssessments#unavailable} result, which still goes to review. A prompt the guard refuses gets the
   * {@link FallbackAssessments#egressBlocked} result and the guard's refusal.
   */
  public List<Attempt> runBatch(List<DeidentifiedEvent> events, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Attempt[] out = new Attempt[events.size()];
    String[] prompts = new String[events.size()];
    Map<String, List<Integer>> byWorkflow = new LinkedHashMap<>();
    Map<Integer, EgressBlockedException> refused = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      DeidentifiedEvent event = events.get(i);
      String prompt = promptBuilder.build(event);
      prompts[i] = prompt;
      try {
        guard.check(prompt);
      } catch (EgressBlockedException e) {
        refused.put(i, e);
        continue;
      }
      byWorkflow.computeIfAbsent(event.getWorkflow(), w -> new ArrayList<>()).add(i);
    }
    byWorkflow.forEach((workflow, indexes) -> {
      List<String> batch = indexes.stream().map(i -> prompts[i]).toList();
      List<Assessment> answers = answers(workflow, batch);
      // the safety net checks the whole batch at once (one embedding pass for its crisis detector)
      List<SafetyNet.Verdict> verdicts = safetyNet.checkAll(batch.stream().map(InferenceService::bodyOf).toList());
      for (int j = 0; j < indexes.size(); j++) {
        int i = indexes.get(j);
        out[i] = new Attempt(complete(events.get(i), PromptBuilder.sha256Hex(prompts[i]), answers.get(j),
            verdicts.get(j), clock), null);
      }
    });
    if (!refused.isEmpty()) {
      List<Integer> indexes = List.copyOf(refused.keySet());
      List<SafetyNet.Verdict> verdicts = safetyNet.checkAll(indexes.stream().map(i -> bodyOf(prompts[i])).toList());
      for (int j = 0; j < indexes.size(); j++) {
        int i = indexes.get(j);
        out[i] = blocked(events.get(i), refused.get(i), verdicts.get(j), clock);
      }
    }
    return List.of(out);
  }

  /**
   * The result of an event whose model call gave nothing usable in time (e.g. the wall-clock budget ran out): the
   * given fallback assessment, recorded like any model output; or, when the guard refuses the prompt, the
   * EGRESS_BLOCKED result and the refusal.
   */
  public Attempt fallback(DeidentifiedEvent event, Assessment assessment, Clock clock) {
    String prompt = promptBuilder.build(event);
    SafetyNet.Verdict verdict = safetyNet.check(bodyOf(prompt));
    try {
      guard.check(prompt);
    } catch (EgressBlockedException e) {
      return blocked(event, e, verdict, clock);
    }
    return new Attempt(complete(event, PromptBuilder.sha256Hex(prompt), assessment, verdict, clock), null);
  }

  /** The result of a prompt the guard refused: the model's id and version (not run), no prompt hash. */
  private Attempt blocked(DeidentifiedEvent event, EgressBlockedException refusal, SafetyNet.Verdict verdict,
                          Clock clock) {
    return new Attempt(complete(event, "", FallbackAssessments.egressBlocked(refusal.rule()), verdict, clock),
        refusal);
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

  /**
   * Turns a model's assessment into the result: the one place every model output (embedded, remote or fallback)
   * passes, so the safety net runs after all of them.
   */
  private InferenceResult complete(DeidentifiedEvent event, String promptSha256, Assessment out,
                                   SafetyNet.Verdict verdict, Clock clock) {
    Urgency urgency = SafetyNet.raise(out.urgency(), verdict);
    boolean raised = urgency != null && urgency != out.urgency();
    Set<String> flags = new LinkedHashSet<>(out.redFlags());
    flags.addAll(verdict.ids());
    String draft = out.draftText();
    String rationale = out.rationale();
    if (verdict.crisis()) {
      draft = drafts.require(DraftReplies.CRISIS);
    } else if (raised && isTriage(out)) {
      draft = drafts.triage(out.category(), urgency, false);
    }
    if (!verdict.fired().isEmpty()) {
      rationale = (rationale.isBlank() ? "" : rationale + " ") + "Safety net: " + String.join(", ", verdict.ids())
          + (verdict.byMeaning().isEmpty() ? "" : " (by meaning: " + String.join(", ", verdict.byMeaning()) + ")")
          + (raised ? " raised urgency to " + urgency.name().toLowerCase(java.util.Locale.ROOT) + "." : ".");
    }
    return InferenceResult.newBuilder()
        .setEventId(event.getEventId())
        .setTenant(event.getTenant())
        .setWorkflow(event.getWorkflow())
        .setPatientToken(event.getPatientToken())
        .setModelId(model.modelId())
        .setModelVersion((out.servedModel() != null ? out.servedModel() : model.modelVersion()) + "+redflags."
            + safetyNet.version())
        .setPromptSha256(promptSha256)
        .setLabel(out.label())
        .setConfidence(out.confidence())
        .setDraftText(draft)
        .setCreatedAt(clock.instant())
        .setTask(out.task())
        .setCategory(out.category())
        .setUrgency(urgency)
        .setModelUrgency(out.urgency())
        .setUrgencySource(urgency == null ? null : raised ? UrgencySource.SAFETY_NET : UrgencySource.MODEL)
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

  /** The free text of a prompt: what the safety net reads (the header carries no message words). */
  static String bodyOf(String prompt) {
    String marker = "\n" + PromptBuilder.BODY_MARKER + "\n";
    int at = prompt.indexOf(marker);
    return at >= 0 ? prompt.substring(at + marker.length()) : prompt;
  }

  public ClinicalModel model() {
    return model;
  }

  public SafetyNet safetyNet() {
    return safetyNet;
  }
}
