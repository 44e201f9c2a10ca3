package org.phigate.inference;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

/**
 * The inference step for one de-identified event: build the exact prompt, let the egress guard re-scan it (fail
 * closed), run the model, then the red-flag {@link SafetyNet} over the same text, and record model id, version
 * (with the safety net's lexicon version) and the SHA-256 of the exact prompt in the result.
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
   * @throws EgressBlockedException when the prompt must not reach the model; the model is
   *     not called
   */
  public InferenceResult run(DeidentifiedEvent event, Clock clock) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(clock, "clock");
    String prompt = promptBuilder.build(event);
    guard.check(prompt);
    return result(event, prompt, model.infer(event.getWorkflow(), prompt), safetyNet.check(bodyOf(prompt)), clock);
  }

  /** A result, or why the guard kept the event from the model. */
  public record Checked(InferenceResult result, EgressBlockedException blocked) {}

  /**
   * Runs events of one workflow as one model batch ({@link ClinicalModel#inferBatch}); events the guard blocks
   * never reach the model and come back with {@code blocked} set. Order is kept.
   */
  public List<Checked> runBatch(String workflow, List<DeidentifiedEvent> events, Clock clock) {
    List<String> prompts = new ArrayList<>();
    List<Integer> allowed = new ArrayList<>();
    List<Checked> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String prompt = promptBuilder.build(events.get(i));
      try {
        guard.check(prompt);
        prompts.add(prompt);
        allowed.add(i);
        out.add(null);
      } catch (EgressBlockedException e) {
        out.add(new Checked(null, e));
      }
    }
    List<Assessment> assessed = prompts.isEmpty() ? List.of() : model.inferBatch(workflow, prompts);
    List<SafetyNet.Verdict> verdicts = safetyNet.checkAll(prompts.stream().map(InferenceService::bodyOf).toList());
    for (int j = 0; j < allowed.size(); j++) {
      int i = allowed.get(j);
      out.set(i, new Checked(result(events.get(i), prompts.get(j), assessed.get(j), verdicts.get(j), clock), null));
    }
    return out;
  }

  private InferenceResult result(DeidentifiedEvent event, String prompt, Assessment out, SafetyNet.Verdict verdict,
      Clock clock) {
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
        .setModelVersion(model.modelVersion() + "+redflags." + safetyNet.version())
        .setPromptSha256(PromptBuilder.sha256Hex(prompt))
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
